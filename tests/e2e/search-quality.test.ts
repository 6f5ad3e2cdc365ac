/**
 * Search quality, through the real dialog in Chromium: for each query, the note that must come
 * first (and, where it matters, the section the first result opens). Japanese queries must find
 * words inside longer runs of kanji and kana; ASCII is case-insensitive; full-width and
 * half-width forms are folded. When a row fails, fix the index (weights, meta, markup), never
 * the query.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useSite } from '../support/site.ts';

/** [query, note id that must be first, heading id the first result opens (optional)] */
const table: [query: string, note: string, section?: string][] = [
  ['認証', 'iam', '一時的なセキュリティ認証情報-(temporary-security-credentials)'],
  ['ホストポート', 'alb-ecs-ports', 'ecsについて'],
  ['永続化', 'docker', 'docker-のデータ管理'],
  ['サイドカー', 'ecs', '<-aws-firelens->'],
  ['assumerole', 'iam', 'assumerole'],
  ['AssumeRole', 'iam', 'assumerole'],
  ['ASSUMEROLE', 'iam'],
  ['ＩＡＭ', 'iam'],
  ['ｱｸｾｽｷｰ', 'iam', 'アクセスキー'],
  ['IAMロール', 'iam'],
  ['ポリシー', 'iam', 'ポリシー'],
  ['パーミッションバウンダリー', 'iam', 'ポリシー'],
  ['シークレットアクセスキー', 'iam'],
  ['一時的', 'iam'],
  ['STS', 'iam'],
  ['ファイアウォール', 'security-groups'],
  ['インバウンド', 'security-groups'],
  ['セキュリティグループ', 'security-groups'],
  ['ボリューム', 'docker'],
  ['データ管理', 'docker'],
  ['マウント', 'docker'],
  ['docker', 'docker'],
  ['fargate', 'ecs', 'fargate'],
  ['firelens', 'ecs'],
  ['ログドライバー', 'ecs'],
  ['ログ', 'ecs'],
  ['ecs', 'ecs'],
  ['コンテナポート', 'alb-ecs-ports', 'ecsについて'],
  ['ポート', 'alb-ecs-ports'],
  ['キャッシュサーバー', 'cloudfront'],
  ['オリジンサーバー', 'cloudfront'],
  ['CNAME', 'cloudfront'],
  ['ビヘイビア', 'cloudfront', 'ビヘイビア'],
  ['cloudfront', 'cloudfront'],
  ['ステージ', 'codepipeline'],
  ['ソースステージ', 'codepipeline'],
  ['アーティファクト', 'codepipeline', 'アーティファクトとは何か？'],
  ['入力アーティファクト', 'codepipeline'],
  ['承認', 'codepipeline'],
  ['appspec', 'codedeploy', 'appspec-file'],
  ['リビジョン', 'codedeploy'],
  ['ライフサイクルイベント', 'codedeploy'],
  ['buildspec', 'codebuild'],
  ['リスナー', 'elb', 'リスナー'],
  ['ターゲットグループ', 'elb'],
  ['ヘルスチェック', 'elb', 'ヘルスチェック'],
  ['ロードバランサー', 'elb'],
  ['kinesis', 'kinesis'],
  ['firehose', 'kinesis'],
  ['ストリームデータ', 'kinesis'],
  ['athena', 'kinesis', 'ログ分析'],
  ['waf', 'waf'],
  ['Web Application Firewall', 'waf'],
  ['エッジロケーション', 'edge-services'],
  ['Route53', 'edge-services'],
  ['vpc', 'vpc'],
];

const site = useSite();
let page: Page;

beforeAll(async () => {
  page = await site.browser.newPage();
  await page.goto(`${site.url}/`);
  await page.keyboard.press('/');
  await page.waitForFunction(() => document.activeElement?.id === 'search-input', undefined, { timeout: 10_000 });
});

describe('search ranking', () => {
  test('the table has at least 25 queries', () => {
    expect(table.length).toBeGreaterThanOrEqual(25);
  });

  test.each(table)('%s → %s first', async (query, note, section) => {
    // Clear first so the status for this query cannot be the previous one's.
    await page.locator('#search-input').fill('');
    await page.locator('#search-input').fill(query);
    // The status names the query (as searched: NFKC-folded) once its results are in.
    const searched = `「${query.normalize('NFKC')}」`;
    await expect.poll(() => page.locator('#search-status').textContent(), { timeout: 10_000 }).toContain(searched);
    const href = await page.locator('#search-results > li .search-result-link').first().getAttribute('href');
    expect(href, `no result for ${query}`).toBeTruthy();
    const url = new URL(href!, site.url);
    expect(url.pathname).toBe(`/notes/${note}/`);
    if (section) expect(decodeURIComponent(url.hash)).toBe(`#${section}`);
  });
});
