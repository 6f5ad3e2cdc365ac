/**
 * The 復習 page in Chromium under the production CSP, on a controlled clock (`page.clock`):
 * keyboard-only answers with when each card comes back, a session over several days (due cards
 * first, the daily limit of new cards), progress across reloads, the count on the header's 復習
 * link, export then import into a fresh browser, hostile stored values and files, working
 * offline, and the plain list without JavaScript.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { loadGlossary } from '../../src/notes/glossary.ts';
import { createNoteIndex } from '../../src/notes/note-index.ts';
import type { GlossaryTerm } from '../../src/glossary/types.ts';
import { siteConfig } from '../../src/site-config.ts';
import { axeViolations } from '../support/axe.ts';
import { useSite } from '../support/site.ts';

const V1_KEY = 'aws-memo:review:v1';
const V2_KEY = 'aws-memo:review:v2';
/** Where the page stores progress: each card an array, its due time (epoch ms) first. */
const V3_KEY = 'aws-memo:review:v3';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** 09:00 in Tokyo; the browser runs in Tokyo time, so "today" ends at the next midnight there. */
const day1 = new Date('2025-04-01T09:00:00+09:00');

const site = useSite();
let terms: GlossaryTerm[];
let context: BrowserContext;
let page: Page;
let problems: string[];
let downloads: string;

beforeAll(async () => {
  terms = (
    await loadGlossary(
      createNoteIndex({ root: join(import.meta.dirname, '..', '..'), contentDir: siteConfig.contentDir }),
    )
  ).terms;
  downloads = await mkdtemp(join(tmpdir(), 'review-'));
});
afterAll(() => rm(downloads, { recursive: true, force: true }));

async function newPage(
  options: { clock?: Date; colorScheme?: 'light' | 'dark' } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const ctx = await site.browser.newContext({
    timezoneId: 'Asia/Tokyo',
    acceptDownloads: true,
    colorScheme: options.colorScheme ?? 'light',
  });
  const p = await ctx.newPage();
  p.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  p.on('pageerror', (error) => problems.push(error.message));
  if (options.clock) await p.clock.install({ time: options.clock });
  return { context: ctx, page: p };
}
beforeEach(async () => {
  problems = [];
  ({ context, page } = await newPage({ clock: day1 }));
});
afterEach(async () => {
  await context.close();
});

const open = async (p = page) => {
  await p.goto(`${site.url}/review/`);
  await p.locator('[data-review-progress]:not(:empty)').waitFor();
};
const front = (p = page) => p.locator('[data-review-front]').textContent();
const side = (p = page) => p.locator('[data-review-side]').textContent();
const status = (p = page) => p.locator('[data-review-progress]').textContent();
const intervals = async (p = page) =>
  Object.fromEntries(
    await p
      .locator('[data-review-grade]')
      .evaluateAll((buttons) =>
        buttons.map((b) => [
          b.querySelector('.review-grade-label')!.textContent,
          b.querySelector('[data-review-interval]')!.textContent,
        ]),
      ),
  );
/** Reveal with Space, answer with a key 1–4; returns the card's front. */
async function study(key: '1' | '2' | '3' | '4', p = page): Promise<string> {
  const shown = (await front(p))!;
  await p.keyboard.press('Space');
  await p.keyboard.press(key);
  return shown;
}

describe('復習 with spaced repetition', () => {
  test('keyboard only: Space reveals; the four answers show when the card comes back; 1–4 answer', async () => {
    await open();
    expect(await status()).toBe('今日の残り: 復習 0・新規 20');
    expect(await side()).toBe('用語 → 定義');
    expect(await front()).toBe(terms[0]!.term);
    expect(await page.locator('[data-review-back]').isVisible()).toBe(false);
    expect(await page.locator('[data-review-grade]:visible').count()).toBe(0);

    await page.keyboard.press('Space');
    expect(await page.locator('[data-review-back]').textContent()).toBe(terms[0]!.definition);
    expect(await page.locator('[data-review-back]').isVisible()).toBe(true);
    expect(await intervals()).toEqual({ もう一度: '1分後', 難しい: '6分後', 正解: '10分後', 簡単: '8日後' });
    // Focus is on 正解, visibly.
    expect(await page.evaluate(() => document.activeElement?.matches('[data-review-grade="3"]:focus-visible'))).toBe(
      true,
    );
    await page.keyboard.press('3');
    expect(await status()).toBe('今日の残り: 復習 1・新規 19');
    expect(await front()).toBe(terms[1]!.term);

    await study('4');
    await study('1');
    // 簡単 sent terms[1] away for days; もう一度 brings terms[2] back within the session.
    expect(await status()).toBe('今日の残り: 復習 2・新規 17');

    await page.reload();
    await page.locator('[data-review-progress]:not(:empty)').waitFor();
    expect(await status()).toBe('今日の残り: 復習 2・新規 17');
    expect(await front()).toBe(terms[3]!.term);
    expect(problems).toEqual([]);
  });

  test('several days: due cards first, then at most the day’s new cards; the header counts what is due', async () => {
    await open();
    await page.locator('[data-review-new-per-day]').selectOption('5');
    expect(await status()).toBe('今日の残り: 復習 0・新規 5');

    // Day 1: five new cards, each 正解 twice (the second time after its 10-minute step).
    const learned: string[] = [];
    for (let i = 0; i < 5; i++) learned.push(await study('3'));
    expect(learned).toEqual(terms.slice(0, 5).map((t) => t.term));
    expect(await status()).toBe('今日の残り: 復習 5・新規 0');
    // Nothing due yet, but due within 20 minutes: shown now rather than waiting.
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Space');
      expect((await intervals())['正解']).toMatch(/^\d+日後$/);
      await page.keyboard.press('3');
    }
    expect(await page.locator('[data-review-done]').isVisible()).toBe(true);
    expect(await page.locator('[data-review-next]').textContent()).toMatch(/^次のカードは\d+日後に出てきます。$/);
    expect(await status()).toBe('今日の残り: 復習 0・新規 0');
    // Another page's header: nothing due today.
    await page.goto(`${site.url}/glossary/`);
    expect(await page.locator('[data-due-count]').isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: '復習', exact: true }).count()).toBe(1);

    // Day 2 to day 4: each day, whatever is due comes first, then five new cards.
    const dueCounts: number[] = [];
    for (let day = 1; day <= 3; day++) {
      // Noon: yesterday's 09:10 cards are due.
      const now = day1.getTime() + day * DAY + 3 * 60 * MINUTE;
      await page.clock.setSystemTime(now);
      await page.goto(`${site.url}/`);
      const due = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)!), V3_KEY);
      const dueNow = Object.values(due.cards as Record<string, [due: number]>).filter(([dueAt]) => dueAt <= now).length;
      const dueToday = Object.values(due.cards as Record<string, [due: number]>).filter(
        ([dueAt]) => dueAt < Date.parse(new Date(now).toISOString().slice(0, 10) + 'T15:00:00Z'),
      ).length;
      dueCounts.push(dueNow);
      // The header of any page says how many are due today, in its link's name too.
      if (dueToday > 0) {
        expect(await page.locator('[data-due-count]').isVisible()).toBe(true);
        expect(
          await page.getByRole('link', { name: new RegExp(`^復習\\s*（今日\\s*${dueToday}\\s*枚）$`) }).count(),
        ).toBe(1);
      } else {
        expect(await page.locator('[data-due-count]').isVisible()).toBe(false);
      }
      await open();
      expect(await status()).toBe(`今日の残り: 復習 ${dueToday}・新規 5`);
      const studiedBefore = new Set(
        Object.keys(due.cards).map((id) => {
          const [key, side] = id.split(':');
          const term = terms.find((t) => t.key === key)!;
          return side === 'term' ? term.term : term.definition;
        }),
      );
      // The due cards come first...
      for (let i = 0; i < dueNow; i++) expect(studiedBefore.has(await study('3'))).toBe(true);
      // ...then five new ones (each 正解 twice: its 10-minute step comes back at once).
      const fresh = new Set<string>();
      for (let i = 0; i < 50 && (await page.locator('[data-review-card]').isVisible()); i++) {
        const shown = await study('3');
        if (!studiedBefore.has(shown)) fresh.add(shown);
      }
      expect(await page.locator('[data-review-done]').isVisible()).toBe(true);
      expect(fresh.size).toBe(5);
    }
    // Some days had cards due (the check above ran both ways).
    expect(dueCounts.some((n) => n > 0)).toBe(true);
    expect(dueCounts.some((n) => n === 0)).toBe(true);
    // By day 4, every term side has been introduced before any definition side.
    const ids = await page.evaluate((key) => Object.keys(JSON.parse(localStorage.getItem(key)!).cards), V3_KEY);
    expect(ids).toHaveLength(20);
    expect(ids.filter((id: string) => id.endsWith(':definition'))).toEqual([]);
    expect(problems).toEqual([]);
  });

  test('a definition → term card asks for the term, after its term → definition side', async () => {
    // Every term side already studied yesterday, due in a week.
    await page.addInitScript(
      ([key, cards]) => {
        if (!localStorage.getItem(key!)) localStorage.setItem(key!, cards!);
      },
      [
        V2_KEY,
        JSON.stringify({
          version: 2,
          cards: Object.fromEntries(
            terms.map((t) => [
              `${t.key}:term`,
              {
                due: new Date(day1.getTime() + 7 * DAY).toISOString(),
                stability: 8,
                difficulty: 3,
                scheduled_days: 7,
                learning_steps: 0,
                reps: 1,
                lapses: 0,
                state: 2,
                last_review: new Date(day1.getTime() - DAY).toISOString(),
                introduced: new Date(day1.getTime() - DAY).toISOString(),
              },
            ]),
          ),
        }),
      ],
    );
    await open();
    expect(await side()).toBe('定義 → 用語');
    expect(await front()).toBe(terms[0]!.definition);
    await page.keyboard.press('Space');
    expect(await page.locator('[data-review-back]').textContent()).toBe(terms[0]!.term);
    expect(await page.locator('[data-review-source]').getAttribute('href')).toBe(terms[0]!.href);
    expect(problems).toEqual([]);
  });

  test('a category limits the deck, its Anki file follows, and the choice survives a reload', async () => {
    await open();
    const category = 'CI/CD';
    const inCategory = terms.filter((t) => t.category === category);
    await page.locator('[data-review-category]').selectOption(category);
    expect(await status()).toBe(`今日の残り: 復習 0・新規 ${inCategory.length}`);
    const seen: string[] = [];
    for (let i = 0; i < inCategory.length; i++) seen.push(await study('4'));
    expect(new Set(seen)).toEqual(new Set(inCategory.map((t) => t.term)));
    expect(await page.locator('[data-review-done]').isVisible()).toBe(true);
    const anki = page.locator('[data-review-anki]');
    expect(await anki.getAttribute('href')).toMatch(/^\/review\/anki\/category-\d+\.tsv$/);
    expect(await anki.getAttribute('download')).toBe('AWSメモ-CI-CD.tsv');
    const tsv = await (await fetch(`${site.url}${await anki.getAttribute('href')}`)).text();
    expect(tsv.trim().split('\n').length).toBe(4 + inCategory.length * 2);

    await page.reload();
    expect(await page.locator('[data-review-category]').inputValue()).toBe(category);
    expect(await page.locator('[data-review-done]').isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });

  test('reset asks first; declining keeps everything, accepting clears the cards but not the settings', async () => {
    await open();
    await page.locator('[data-review-new-per-day]').selectOption('10');
    await study('4');
    const messages: string[] = [];
    page.once('dialog', (dialog) => (messages.push(dialog.message()), dialog.dismiss()));
    await page.locator('[data-review-reset]').click();
    expect(messages[0]).toMatch(/すべて消します/);
    expect(await status()).toBe('今日の残り: 復習 0・新規 9');
    page.once('dialog', (dialog) => dialog.accept());
    await page.locator('[data-review-reset]').click();
    expect(await status()).toBe('今日の残り: 復習 0・新規 10');
    expect(await page.locator('[data-review-message]').textContent()).toBe('記録をリセットしました。');
    await page.reload();
    expect(await page.locator('[data-review-new-per-day]').inputValue()).toBe('10');
    expect(await status()).toBe('今日の残り: 復習 0・新規 10');
    expect(problems).toEqual([]);
  });

  test('works offline once loaded', async () => {
    await open();
    await context.setOffline(true);
    const first = await study('3');
    expect(await front()).not.toBe(first);
    expect(await status()).toBe('今日の残り: 復習 1・新規 19');
    await context.setOffline(false);
    expect(problems).toEqual([]);
  });

  test('without JavaScript the page is the list of terms, each definition behind <details>, and the Anki file', async () => {
    const noJs = await site.browser.newContext({ javaScriptEnabled: false });
    const plain = await noJs.newPage();
    await plain.goto(`${site.url}/review/`);
    expect(await plain.locator('[data-review]').isVisible()).toBe(false);
    expect(await plain.locator('[data-review-deck] summary').count()).toBe(terms.length);
    await plain.locator('[data-review-deck] summary').first().click();
    expect(await plain.locator('[data-review-deck] [data-definition]').first().textContent()).toBe(
      terms[0]!.definition,
    );
    expect(await plain.locator('[data-review-anki]').getAttribute('href')).toBe('/review/anki/all.tsv');
    await noJs.close();
  });
});

describe('穴埋め cards', () => {
  test('a cloze card: its sentence with the phrase blanked, the answer revealed in place, then scheduled', async () => {
    // Every term card studied yesterday and due in a week: the new cards now are the 穴埋め ones.
    const studied = [
      new Date(day1.getTime() + 7 * DAY).getTime(),
      8,
      3,
      7,
      0,
      1,
      0,
      2,
      day1.getTime() - DAY,
      day1.getTime() - DAY,
    ];
    const cards = Object.fromEntries(
      terms.flatMap((t) => [`${t.key}:term`, `${t.key}:definition`].map((id) => [id, studied])),
    );
    await page.addInitScript(
      ([key, value]) => {
        if (!localStorage.getItem(key!)) localStorage.setItem(key!, value!);
      },
      [V3_KEY, JSON.stringify({ version: 3, cards })],
    );
    await open();
    const first = page.locator('[data-review-cloze] li').first();
    const [before, answer, after, href, id] = await first.evaluate((li) => [
      li.querySelector('[data-before]')!.textContent!,
      li.querySelector('[data-answer]')!.textContent!,
      li.querySelector('[data-after]')!.textContent!,
      li.querySelector('[data-source]')!.getAttribute('href')!,
      li.getAttribute('data-id')!,
    ]);
    expect(await side()).toBe('穴埋め');
    expect(await front()).toBe(`${before}＿＿＿${after}`);
    expect(await page.locator('[data-review-back]').isVisible()).toBe(false);

    await page.keyboard.press('Space');
    // In place: the same sentence, the phrase where the blank was.
    expect(await front()).toBe(`${before}${answer}${after}`);
    expect(await page.locator('[data-review-front] .review-blank').textContent()).toBe(answer);
    expect(await page.locator('[data-review-source]').getAttribute('href')).toBe(href);
    expect(await page.locator('[data-review-source]').isVisible()).toBe(true);
    expect(await intervals()).toEqual({ もう一度: '1分後', 難しい: '6分後', 正解: '10分後', 簡単: '8日後' });
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('3');

    // Scheduled by FSRS like a term card: stored, due in ten minutes, counted on the header's link.
    const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)!).cards, V3_KEY);
    // (The page's clock runs on from day 1 09:00 while the test clicks.)
    expect(stored[id!][0] - day1.getTime()).toBeGreaterThanOrEqual(10 * MINUTE);
    expect(stored[id!][0] - day1.getTime()).toBeLessThan(11 * MINUTE);
    expect(await status()).toMatch(/^今日の残り: 復習 1・新規 \d+$/);
    expect(await page.getByRole('link', { name: /^復習\s*（今日\s*1\s*枚）$/ }).count()).toBe(1);
    expect(await front()).not.toBe(`${before}＿＿＿${after}`);
    await page.reload();
    await page.locator('[data-review-progress]:not(:empty)').waitFor();
    expect(await status()).toMatch(/^今日の残り: 復習 1・新規 \d+$/);
    expect(problems).toEqual([]);
  });

  test('a category keeps only its cloze cards, and offers its cloze file for Anki', async () => {
    await open();
    const category = 'ストリーミング・分析';
    await page.locator('[data-review-category]').selectOption(category);
    const inCategory = await page.locator(`[data-review-cloze] li[data-category="${category}"]`).count();
    const answers = await page
      .locator(`[data-review-cloze] li[data-category="${category}"] [data-answer]`)
      .allTextContents();
    expect(inCategory).toBeGreaterThan(0);
    const seen: string[] = [];
    for (let i = 0; i < 40 && (await page.locator('[data-review-card]').isVisible()); i++) {
      const isCloze = (await side()) === '穴埋め';
      await page.keyboard.press('Space');
      if (isCloze) seen.push((await page.locator('[data-review-front] .review-blank').textContent())!);
      await page.keyboard.press('4');
    }
    expect(seen.length).toBeGreaterThan(0);
    for (const answer of seen) expect(answers).toContain(answer);
    const link = page.locator('[data-review-anki-cloze]');
    expect(await link.getAttribute('href')).toMatch(/^\/review\/anki\/category-\d+-cloze\.tsv$/);
    expect(await link.getAttribute('download')).toBe(`AWSメモ-${category}-穴埋め.tsv`);
    expect(problems).toEqual([]);
  });

  test('without JavaScript the cloze cards are a list too, each answer behind <details>', async () => {
    const noJs = await site.browser.newContext({ javaScriptEnabled: false });
    const plain = await noJs.newPage();
    await plain.goto(`${site.url}/review/`);
    const first = plain.locator('[data-review-cloze] li').first();
    expect(await first.locator('summary').textContent()).toContain('＿＿＿');
    expect(await first.locator('[data-answer]').isVisible()).toBe(false);
    await first.locator('summary').click();
    expect(await first.locator('[data-answer]').isVisible()).toBe(true);
    expect(await plain.locator('[data-review-anki-cloze]').getAttribute('href')).toBe('/review/anki/all-cloze.tsv');
    await noJs.close();
  });
});

describe('accessibility of the session', () => {
  test.each(['light', 'dark'] as const)(
    '%s: axe finds nothing with the answer shown, when the deck is done, and with a count on the header link',
    async (colorScheme) => {
      const themed = await newPage({ clock: day1, colorScheme });
      try {
        await open(themed.page);
        await themed.page.keyboard.press('Space');
        expect(await axeViolations(themed.page)).toEqual([]);
        await themed.page.keyboard.press('4');
        await themed.page.locator('[data-review-category]').selectOption('CI/CD');
        while (await themed.page.locator('[data-review-card]').isVisible()) await study('4', themed.page);
        expect(await themed.page.locator('[data-review-done]').isVisible()).toBe(true);
        expect(await axeViolations(themed.page)).toEqual([]);
        await themed.page.locator('[data-review-category]').selectOption('');
        await study('1', themed.page); // もう一度: due in a minute, so the header counts it
        expect(await themed.page.locator('[data-due-count]').isVisible()).toBe(true);
        expect(await axeViolations(themed.page)).toEqual([]);
      } finally {
        await themed.context.close();
      }
      expect(problems).toEqual([]);
    },
  );
});

describe('moving progress to another browser', () => {
  test('export to a JSON file, import it into a fresh browser: the same cards due, the same next card', async () => {
    await open();
    for (let i = 0; i < 4; i++) await study(i % 2 ? '4' : '3');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-review-export]').click()]);
    expect(download.suggestedFilename()).toBe('aws-memo-review-2025-04-01.json');
    const file = join(downloads, download.suggestedFilename());
    await download.saveAs(file);
    expect(await page.locator('[data-review-message]').textContent()).toBe(
      '記録を書き出しました（aws-memo-review-2025-04-01.json）。',
    );
    const exported = JSON.parse(await readFile(file, 'utf8'));
    expect(exported.format).toBe('aws-memo-review');
    expect(Object.keys(exported.progress.cards)).toHaveLength(4);
    const statusBefore = await status();
    const frontBefore = await front();

    const fresh = await newPage({ clock: new Date(day1.getTime() + 5 * MINUTE) });
    try {
      await open(fresh.page);
      expect(await status(fresh.page)).toBe('今日の残り: 復習 0・新規 20');
      const [chooser] = await Promise.all([
        fresh.page.waitForEvent('filechooser'),
        fresh.page.locator('[data-review-import-button]').click(),
      ]);
      await chooser.setFiles(file);
      await fresh.page.locator('[data-review-message]:not(:empty)').waitFor();
      expect(await fresh.page.locator('[data-review-message]').textContent()).toBe('4枚の記録を読み込みました。');
      expect(await status(fresh.page)).toBe(statusBefore);
      expect(await front(fresh.page)).toBe(frontBefore);
      // And it is kept there.
      await fresh.page.reload();
      await fresh.page.locator('[data-review-progress]:not(:empty)').waitFor();
      expect(await status(fresh.page)).toBe(statusBefore);
    } finally {
      await fresh.context.close();
    }
    expect(problems).toEqual([]);
  });

  test.each<[name: string, content: string, message: string]>([
    ['a CSV file', 'term,definition\nSTS,x\n', 'JSON として読めません。'],
    ['another app’s JSON', '{"name":"x","version":"1.0.0"}', 'このサイトの復習の記録ではありません。'],
    [
      'broken cards only',
      '{"format":"aws-memo-review","progress":{"cards":{"a:term":{"due":"x"}}}}',
      '読み込めるカードがありません（1枚は形式が違います）。',
    ],
  ])('importing %s: a clear message, and the progress is unchanged', async (_name, content, message) => {
    await open();
    await study('4');
    const before = await page.evaluate((key) => localStorage.getItem(key), V3_KEY);
    const file = join(downloads, 'bad.json');
    await writeFile(file, content);
    await page.locator('[data-review-import]').setInputFiles(file);
    await page.locator('[data-review-message]:not(:empty)').waitFor();
    expect(await page.locator('[data-review-message]').textContent()).toBe(
      `「bad.json」を読み込めませんでした: ${message} 記録は変わっていません。`,
    );
    expect(await page.evaluate((key) => localStorage.getItem(key), V3_KEY)).toBe(before);
    expect(await status()).toBe('今日の残り: 復習 0・新規 19');
    expect(problems).toEqual([]);
  });
});

describe('storage that cannot hold the progress', () => {
  /**
   * Fills localStorage (another key of this origin) until only `room` characters are left, from
   * Chromium's quota of 5,242,880 characters (keys and values) per origin; a quota that changed
   * makes this throw. One write: a write of megabytes takes seconds.
   */
  const fillStorage = (room: number) =>
    page.evaluate((room) => {
      const used = Object.entries(localStorage).reduce((n, [key, value]) => n + key.length + value.length, 0);
      localStorage.setItem('filler', 'x'.repeat(5 * 1024 * 1024 - used - 'filler'.length - room));
    }, room);
  const stored = () =>
    page.evaluate(() => JSON.stringify(Object.entries(localStorage).filter(([k]) => k !== 'filler')));
  const message = () => page.locator('[data-review-message]').textContent();
  const importFile = async (name: string, content: string) => {
    const file = join(downloads, name);
    await writeFile(file, content);
    await page.locator('[data-review-message]').evaluate((element) => (element.textContent = ''));
    await page.locator('[data-review-import]').setInputFiles(file);
    await page.locator('[data-review-message]:not(:empty)').waitFor();
  };
  /** A valid studied card in the exported file's form, reviewed `daysAgo` days before day 1. */
  const card = (daysAgo: number) => ({
    due: new Date(day1.getTime() + 3 * DAY).toISOString(),
    stability: 3.5,
    difficulty: 5.1,
    scheduled_days: 3,
    learning_steps: 0,
    reps: 2,
    lapses: 0,
    state: 2,
    last_review: new Date(day1.getTime() - daysAgo * DAY).toISOString(),
  });

  test('a 5 MB file of 40,106 valid cards, most for notes that no longer exist: only the site’s cards are kept, and said so', async () => {
    await open();
    await study('3');
    const gone = 40_106 - terms.length;
    // The smallest valid card (reviewed at the epoch), under short ids of no card of the site.
    const tiny = {
      due: 1,
      stability: 1,
      difficulty: 1,
      scheduled_days: 0,
      learning_steps: 0,
      reps: 1,
      lapses: 0,
      state: 2,
      last_review: 0,
    };
    const cards = Object.fromEntries([
      ...terms.map((t) => [`${t.key}:term`, card(1)]),
      ...Array.from({ length: gone }, (_, i) => [`g${i.toString(36)}`, tiny]),
    ]);
    const content = JSON.stringify({ format: 'aws-memo-review', version: 2, progress: { cards } });
    expect(Object.keys(cards)).toHaveLength(40_106);
    expect(Buffer.byteLength(content)).toBeGreaterThan(5_000_000);
    expect(Buffer.byteLength(content)).toBeLessThanOrEqual(5 * 1024 * 1024);
    await importFile('big.json', content);
    expect(await message()).toBe(
      `${terms.length - 1}枚の記録を読み込みました。1枚はこのブラウザの記録の方が新しいので、そのままにしました。` +
        `${gone}枚はこのサイトにないカード（消えたノートや用語）なので読み飛ばしました。`,
    );
    // What it claims is what is stored: the site's term cards, due in three days.
    await page.reload();
    await page.locator('[data-review-progress]:not(:empty)').waitFor();
    expect(await status()).toBe('今日の残り: 復習 1・新規 19');
    expect(await side()).toBe('定義 → 用語');
    expect(problems).toEqual([]);
  });

  test('a file over 5 MB is refused before it is read', async () => {
    await open();
    await study('3');
    const before = await stored();
    await importFile('huge.json', `{"cards":{}}${' '.repeat(5 * 1024 * 1024)}`);
    expect(await message()).toBe('「huge.json」は大きすぎて読み込めません（5 MB まで）。記録は変わっていません。');
    expect(await stored()).toBe(before);
    expect(problems).toEqual([]);
  });

  test('an import that does not fit in storage says so and keeps what was there', async () => {
    await open();
    await study('3');
    const before = await stored();
    const statusBefore = await status();
    await fillStorage(200);
    const content = JSON.stringify({
      format: 'aws-memo-review',
      version: 2,
      progress: { cards: Object.fromEntries(terms.map((t) => [`${t.key}:term`, card(1)])) },
    });
    await importFile('all.json', content);
    expect(await message()).toBe(
      '「all.json」を読み込めませんでした: このブラウザの保存領域に入りきりません（ほかのサイトのデータや空き容量を確認してください）。 記録は変わっていません。',
    );
    expect(await status()).toBe(statusBefore);
    expect(await stored()).toBe(before);
    // With room again, the same file is taken.
    await page.evaluate(() => localStorage.removeItem('filler'));
    await importFile('all.json', content);
    expect(await message()).toBe(
      `${terms.length - 1}枚の記録を読み込みました。1枚はこのブラウザの記録の方が新しいので、そのままにしました。`,
    );
    await page.reload();
    await page.locator('[data-review-progress]:not(:empty)').waitFor();
    expect(await status()).toBe('今日の残り: 復習 1・新規 19');
    expect(problems).toEqual([]);
  });

  test('an answer that cannot be stored says so; the stored progress is what it was', async () => {
    await open();
    await study('3');
    const before = await stored();
    await fillStorage(0);
    const shown = await study('3');
    expect(await message()).toBe(
      'この回答を保存できませんでした（このブラウザの保存領域がいっぱいか、保存が許されていません）。ページを閉じると失われます。「記録を書き出す」でファイルに残せます。',
    );
    expect(await front()).not.toBe(shown);
    expect(await stored()).toBe(before);
    // Once an answer is stored again, the warning goes.
    await page.evaluate(() => localStorage.removeItem('filler'));
    await study('3');
    expect(await message()).toBe('');
    await page.reload();
    await page.locator('[data-review-progress]:not(:empty)').waitFor();
    expect(await status()).toBe('今日の残り: 復習 3・新規 17');
    expect(problems).toEqual([]);
  });
});

describe('復習 with hostile stored progress', () => {
  const seed = (key: string, value: string) =>
    page.addInitScript(
      ([key, value]) => {
        // Only on the first load: later loads must see what the page saved.
        if (!sessionStorage.getItem('seeded')) {
          localStorage.setItem(key!, value!);
          sessionStorage.setItem('seeded', '1');
        }
      },
      [key, value],
    );
  // What another version, an extension or a hand edit could have left in localStorage.
  const cases: [name: string, key: string, stored: () => string][] = [
    ['v1: marks is a string', V1_KEY, () => '{"marks":"x"}'],
    ['v1: marks is a number', V1_KEY, () => '{"marks":1}'],
    ['v1: marks is an array', V1_KEY, () => '{"marks":["known"]}'],
    ['v1: not JSON', V1_KEY, () => '{marks:'],
    ['v1: a __proto__ mark', V1_KEY, () => '{"marks":{"__proto__":{"known":1}}}'],
    ['v1: unknown mark values', V1_KEY, () => JSON.stringify({ marks: { [terms[0]!.key]: 'bogus' } })],
    ['v2: not JSON', V2_KEY, () => '{"version":2,'],
    ['v2: cards is a string', V2_KEY, () => '{"cards":"x"}'],
    [
      'v2: a card with a bad date',
      V2_KEY,
      () => JSON.stringify({ cards: { [`${terms[0]!.key}:term`]: { due: 'x' } } }),
    ],
    ['v2: newPerDay negative, category an object', V2_KEY, () => '{"newPerDay":-1,"category":{}}'],
  ];
  test.each(cases)('%s: the session works, no error, and what it saves is valid', async (_name, key, stored) => {
    await seed(key, stored());
    await open();
    expect(await status()).toBe('今日の残り: 復習 0・新規 20');
    expect(await front()).toBe(terms[0]!.term);
    await study('3');
    await study('1');
    expect(await status()).toBe('今日の残り: 復習 2・新規 18');
    const saved = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), V3_KEY))!);
    // Saved in the current form, and the older form removed.
    expect(saved.version).toBe(3);
    expect(
      await page.evaluate(() => [
        localStorage.getItem('aws-memo:review:v2'),
        localStorage.getItem('aws-memo:review:v1'),
      ]),
    ).toEqual([null, null]);
    expect(Object.keys(saved.cards).sort()).toEqual([`${terms[0]!.key}:term`, `${terms[1]!.key}:term`].sort());
    await page.reload();
    await page.locator('[data-review-progress]:not(:empty)').waitFor();
    expect(await status()).toBe('今日の残り: 復習 2・新規 18');
    expect(problems).toEqual([]);
  });

  test('v1 progress is migrated: 覚えた waits for days, まだ comes back today, an unknown mark is new', async () => {
    await seed(
      V1_KEY,
      JSON.stringify({ marks: { [terms[0]!.key]: 'known', [terms[1]!.key]: 'bogus', [terms[2]!.key]: 'again' } }),
    );
    await open();
    // Two cards introduced by the migration count against today's 20.
    expect(await status()).toBe('今日の残り: 復習 1・新規 18');
    expect(await front()).toBe(terms[1]!.term);
    expect(problems).toEqual([]);
  });
});
