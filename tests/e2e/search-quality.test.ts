/**
 * Search quality, through the real dialog in Chromium: for each query, the note that must come
 * first (and, where it matters, the section the first result opens). Japanese queries must find
 * words inside longer runs of kanji and kana; ASCII is case-insensitive; full-width and
 * half-width forms are folded. Questions typed the way a reader asks them, unspaced, with
 * particles and words that stand apart in the note, find their note; so do the spellings readers
 * type (サーバ / サーバー, hiragana for a katakana word). When a row fails, fix the index
 * (weights, meta, markup) or the matching rule, never the query.
 */
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
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

/**
 * Questions as a reader types them: [query, note that must be first, heading id the first result
 * opens (optional)]. A few per note; the words stand apart in the note (一時的な…認証情報),
 * particles and question words (の, を, とは, 違い, 役割) need not be there, and a query Pagefind
 * finds nothing for as typed is asked again by its words.
 */
const natural: [query: string, note: string, section?: string][] = [
  ['一時的な認証情報', 'iam'],
  ['シークレットアクセスキーの構成', 'iam'],
  ['IAMユーザーの集合', 'iam', 'iamグループ'],
  ['長期的な認証情報', 'iam', 'アクセスキー'],
  ['インラインポリシーとカスタマー管理ポリシーの違い', 'iam', 'ポリシー'],
  ['外部からプログラムアクセスする方法', 'iam', 'アクセスキー'],
  ['オリジンサーバーの役割', 'cloudfront'],
  ['キャッシュサーバの仕組み', 'cloudfront'],
  ['CNAMEレコードの設定', 'cloudfront'],
  ['URLパスごとのキャッシュ動作', 'cloudfront', 'ビヘイビア'],
  ['ビルド環境の構築', 'codebuild'],
  ['ソースコードを受け取ってテストする', 'codebuild'],
  ['buildspecの仕様書', 'codebuild'],
  ['アプリケーションのリビジョンをインストール', 'codedeploy'],
  ['ライフサイクルイベントをフックする', 'codedeploy'],
  ['ステージの種類', 'codepipeline', 'ステージとは？'],
  ['入力アーティファクトと出力アーティファクト', 'codepipeline', 'アーティファクトとは何か？'],
  ['手動で承認する', 'codepipeline'],
  ['変更を検知して自動化', 'codepipeline', 'ソースステージとは？'],
  ['データの永続化', 'docker'],
  ['コンテナ間でデータを共有', 'docker'],
  ['ホストのディレクトリをマウントする', 'docker'],
  ['Fargateのメリット', 'ecs'],
  ['ログの目的', 'ecs'],
  ['サイドカーとして配置', 'ecs'],
  ['ECSのログドライバ', 'ecs'],
  ['ホストポートとコンテナポートの違い', 'alb-ecs-ports', 'ecsについて'],
  ['ローカルでコンテナを起動するときのポート', 'alb-ecs-ports', 'ecsについて'],
  ['エッジロケーションから提供されるサービス', 'edge-services'],
  ['ユーザに近い場所', 'edge-services'],
  ['接続リクエストをチェックする', 'elb', 'リスナー'],
  ['トラフィックを分散する', 'elb'],
  ['ロードバランサのルール', 'elb', 'ルール'],
  ['ストリームデータを収集する', 'kinesis'],
  ['リアルタイムに分析', 'kinesis'],
  ['ストリームデータをS3に送る', 'kinesis'],
  ['インバウンドとアウトバウンドの違い', 'security-groups'],
  ['デフォルトですべて拒否', 'security-groups'],
  ['EC2インスタンスのファイアウォール', 'security-groups'],
  ['VPCについて', 'vpc'],
  // "What is …?": と and は are in almost every note, so the topic is what is asked.
  ['VPCとは', 'vpc'],
  ['CloudFrontとは', 'cloudfront'],
  ['WAFって何？', 'waf'],
  ['Kinesisとは何か', 'kinesis'],
  ['セキュリティグループとは', 'security-groups'],
  ['ウェブアプリケーションの脆弱性', 'waf'],
  ['不正なアクセスを遮断するルール', 'waf'],
  ['悪意のあるリクエストをブロック', 'waf'],
  // Spellings: the long-vowel mark either way, hiragana for a katakana word.
  ['IAMユーザ', 'iam'],
  ['ロードバランサ', 'elb'],
  ['ログドライバーの役割', 'ecs'],
  ['ぽりしー', 'iam'],
  ['さいどかー', 'ecs'],
];

/** Queries Pagefind finds nothing for as typed: the dialog asks again with their words, and says so. */
const byWords = ['ビルド環境の構築', 'インバウンドとアウトバウンドの違い', 'buildspecの仕様書'];
/** Hiragana that finds nothing: asked again in katakana, and the dialog says so. */
const inKatakana = [['ぽりしー', 'ポリシー']];

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

  test.each(table)('%s → %s first', expectFirst);
});

describe('questions as readers type them', () => {
  test('the table has at least 30 questions, covering every note', async () => {
    expect(natural.length).toBeGreaterThanOrEqual(30);
    const notes = (await readdir(join(import.meta.dirname, '../../content/notes'))).map((file) =>
      basename(file, '.md'),
    );
    expect(new Set(natural.map(([, note]) => note))).toEqual(new Set(notes));
  });

  test.each(natural)('%s → %s first', expectFirst);

  test.each(byWords)('%s: found by its words, and the dialog says so', async (query) => {
    const status = await search(query);
    expect(status).toMatch(/語ごとに探しました/);
  });

  test.each(inKatakana)('%s: found in katakana (%s), and the dialog says so', async (query, katakana) => {
    const status = await search(query);
    expect(status).toContain(`カタカナで探しました: ${katakana}`);
  });

  test.each(['一時的な認証情報', 'オリジンサーバーの役割'])(
    '%s: found as typed, without a note about words',
    async (query) => {
      expect(await search(query)).not.toMatch(/探しました/);
    },
  );
});

/** Types `query` into the dialog and returns the status once its results are in. */
async function search(query: string): Promise<string> {
  // Clear first so the status for this query cannot be the previous one's.
  await page.locator('#search-input').fill('');
  await page.locator('#search-input').fill(query);
  // The status names the query (as searched: NFKC-folded) once its results are in.
  const searched = `「${query.normalize('NFKC')}」`;
  await expect.poll(() => page.locator('#search-status').textContent(), { timeout: 10_000 }).toContain(searched);
  return (await page.locator('#search-status').textContent()) ?? '';
}

async function expectFirst(query: string, note: string, section?: string): Promise<void> {
  const status = await search(query);
  const href = await page.locator('#search-results > li .search-result-link').first().getAttribute('href');
  expect(href, `no result for ${query}: ${status}`).toBeTruthy();
  const url = new URL(href!, site.url);
  expect(url.pathname).toBe(`/notes/${note}/`);
  if (section) expect(decodeURIComponent(url.hash)).toBe(`#${section}`);
}
