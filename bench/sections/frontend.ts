/**
 * Benchmark 5: the front end. (a) Gzipped JavaScript per route from the production build, by the front end's
 * own size report (scripts/size.ts), built from a copy of the current sources. (b) How long the cashier's camera takes to read a customer's QR code in
 * Chromium with a fake camera (STACK.md): from the tap on "Scan with camera" to the payment request leaving the
 * tablet (the code recognised), with the camera's start and the payment's answer apart.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../lib/paths.js';
import { summarize, type Summary } from '../lib/stats.js';
import { startServer } from '../lib/server.js';

export interface RouteSize {
  route: string;
  files: number;
  rawKb: number;
  gzipKb: number;
  budgetKb: number | null;
  /** size.ts's verdict against the budget: 'ok', 'OVER', or '' when the route has no budget. */
  verdict: string;
  lazy: string;
}

export interface QrTiming {
  runs: number;
  cameraStartMs: Summary;
  recognisedMs: Summary;
  /** The payment's answer fully received (the request's responseEnd). Optional: results of older runs lack it. */
  answeredMs?: Summary;
  /** The result in the page's DOM, recorded by the page itself (a MutationObserver), not by the test's polling. */
  resultShownMs: Summary;
}

/** What the front end is built from (api/ for the typed client's types), copied to build it apart. */
const BUILD_INPUTS = ['src', 'static', 'api', 'scripts', 'svelte.config.js', 'vite.config.ts', 'package.json', 'tsconfig.json'];

export interface FrontEndBuild {
  dir: string;
  staticDir: string;
  sizes: RouteSize[];
  raw: string;
  remove(): void;
}

/**
 * Builds the front end in a copy of the sources under a temporary directory and runs scripts/size.ts there.
 * Building in place would rewrite build/ and .svelte-kit/ under teammates' running browser tests.
 */
export function buildAndMeasure(log: (l: string) => void, sourceRoot = ROOT): FrontEndBuild {
  const dir = mkdtempSync(join(tmpdir(), 'pos-bench-web-'));
  for (const p of BUILD_INPUTS) if (existsSync(join(sourceRoot, p))) cpSync(join(sourceRoot, p), join(dir, p), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  log('front end: production build of the current sources (vite build, in a copy) and sizes (scripts/size.ts)…');
  let raw: string;
  try {
    raw = execFileSync(process.execPath, ['--import', 'tsx', join(dir, 'scripts/size.ts')], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    // size.ts exits 1 when a route is over its budget; its table is still on stdout.
    const err = e as { stdout?: string; stderr?: string };
    if (!err.stdout?.includes('gzip KB')) {
      rmSync(dir, { recursive: true, force: true });
      const why = (err.stderr ?? String(e)).split('\n').filter((l) => l.trim() && !l.startsWith('npm warn')).slice(-3).join(' / ');
      throw new Error(`scripts/size.ts failed: ${why}`);
    }
    raw = err.stdout;
  }
  const lines = raw.split('\n');
  const header = lines.findIndex((l) => l.startsWith('route') && l.includes('gzip KB'));
  const sizes: RouteSize[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('/')) continue;
    const cells = line.trimEnd().split(/\s{2,}/).map((c) => c.trim());
    // route, files, raw, gzip, budget, [ok|OVER], lazy
    const [route, files, rawKb, gzipKb, budget] = cells;
    const verdict = cells[5] === 'ok' || cells[5] === 'OVER' ? cells[5] : '';
    sizes.push({ route: route!, files: Number(files), rawKb: Number(rawKb), gzipKb: Number(gzipKb), budgetKb: budget === '—' ? null : Number(budget), verdict, lazy: cells[cells.length - 1] ?? '' });
  }
  return { dir, staticDir: join(dir, 'build'), sizes, raw, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Timestamps taken inside the page (one clock): the tap, the video playing, the payment request's start. */
const PAGE_PROBE = `
  window.__bench = {};
  document.addEventListener('click', (e) => {
    const b = e.target instanceof Element ? e.target.closest('button') : null;
    if (b && /Scan with camera/.test(b.textContent || '')) window.__bench.open = performance.now();
  }, true);
  document.addEventListener('playing', () => { window.__bench.playing ??= performance.now(); }, true);
  // When the result appears, as the page sees it: Playwright's waitFor polls, and its answer comes back over CDP,
  // which added a few hundred milliseconds to the figure when it was taken from there.
  new MutationObserver(() => {
    if (window.__bench.shown === undefined && document.querySelector('[data-testid="charge-result"]')) window.__bench.shown = performance.now();
  }).observe(document, { childList: true, subtree: true });
`;

export async function qrDecodeTiming(staticDir: string, runs: number, log: (l: string) => void): Promise<QrTiming> {
  const { chromium } = await import('@playwright/test');
  const { CHROMIUM_ARGS, FULL_CHROMIUM_PATH, fakeCameraArgs, TABLET } = await import('../../tests/e2e/support/browser.js');
  const { writeQrVideo } = await import('../../tests/e2e/support/y4m.js');
  if (!existsSync(join(staticDir, '200.html'))) throw new Error(`no production build in ${staticDir}`);
  const dir = mkdtempSync(join(tmpdir(), 'pos-bench-qr-'));
  const server = await startServer({ databaseUrl: `sqlite:${join(dir, 'pos.db')}`, env: { DEMO: '1', STATIC_DIR: staticDir } });
  const base = `http://127.0.0.1:${server.port}`;
  const camera: number[] = [];
  const recognised: number[] = [];
  const answered: number[] = [];
  const shown: number[] = [];
  try {
    const post = async (path: string, body: unknown, token?: string) => {
      const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
      if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, string>>;
    };
    const { token } = await post('/api/sessions', { role: 'customer', handle: 'alice', pin: '1111' });
    for (let run = 0; run < runs; run++) {
      // The fake camera's video is fixed at launch, so each run shows a fresh code to a fresh browser.
      const { code } = await post('/api/paycodes', {}, token);
      const video = join(dir, `code-${run}.y4m`);
      writeQrVideo(video, code!);
      const browser = await chromium.launch({ executablePath: FULL_CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...fakeCameraArgs(video)] });
      try {
        const context = await browser.newContext({ viewport: TABLET, baseURL: base, permissions: ['camera'], locale: 'en-GB' });
        await context.addInitScript(PAGE_PROBE);
        const page = await context.newPage();
        await page.goto('/cashier');
        await page.getByLabel('Shop').fill('demo-cafe');
        await page.getByLabel('Cashier').fill('cashier-1');
        await page.getByLabel('PIN').fill('1234');
        await page.getByRole('button', { name: 'Sign in' }).click();
        const pad = page.getByRole('group', { name: 'Amount keypad' });
        await pad.waitFor();
        for (const key of ['1', '2']) await pad.getByRole('button', { name: key, exact: true }).click();
        await page.getByRole('button', { name: 'Scan with camera' }).click();
        await page.getByTestId('charge-result').waitFor({ timeout: 30_000 });
        const t = await page.evaluate(() => {
          const b = (window as unknown as { __bench: { open?: number; playing?: number; shown?: number } }).__bench;
          const pay = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname === '/api/payments') as PerformanceResourceTiming | undefined;
          return { open: b.open ?? NaN, playing: b.playing ?? NaN, sent: pay?.startTime ?? NaN, answered: pay?.responseEnd ?? NaN, shown: b.shown ?? NaN };
        });
        camera.push(t.playing - t.open);
        recognised.push(t.sent - t.open);
        answered.push(t.answered - t.open);
        shown.push(t.shown - t.open);
        log(`front end: QR run ${run + 1}: camera playing ${(t.playing - t.open).toFixed(0)} ms, code recognised ${(t.sent - t.open).toFixed(0)} ms, answer received ${(t.answered - t.open).toFixed(0)} ms, result shown ${(t.shown - t.open).toFixed(0)} ms`);
        await context.close();
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return { runs, cameraStartMs: summarize(camera.filter(Number.isFinite)), recognisedMs: summarize(recognised.filter(Number.isFinite)), answeredMs: summarize(answered.filter(Number.isFinite)), resultShownMs: summarize(shown.filter(Number.isFinite)) };
}
