/**
 * Benchmark 5: the front end. (a) Gzipped JavaScript per route from the production build, by the front end's
 * own size report (scripts/size.ts). (b) How long the cashier's camera takes to read a customer's QR code in
 * Chromium with a fake camera (STACK.md): from the tap on "Scan with camera" to the payment request leaving the
 * tablet (the code recognised), with the camera's start and the payment's answer apart.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
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
  lazy: string;
}

export interface QrTiming {
  runs: number;
  cameraStartMs: Summary;
  recognisedMs: Summary;
  resultShownMs: Summary;
}

const SOURCES = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, e)));
  return newest;
}

/** Whether the last build (build/ and .svelte-kit/output) is at least as new as everything it is built from. */
function buildIsFresh(): boolean {
  const marker = join(ROOT, '.svelte-kit/output/client/.vite/manifest.json');
  const page = join(ROOT, 'build/200.html');
  if (!existsSync(marker) || !existsSync(page)) return false;
  const sourcesMs = Math.max(...SOURCES.map((p) => join(ROOT, p)).filter(existsSync).map(newestMtime));
  return Math.min(statSync(marker).mtimeMs, statSync(page).mtimeMs) >= sourcesMs;
}

export function routeSizes(log: (l: string) => void): { sizes: RouteSize[]; built: boolean; raw: string } {
  const fresh = buildIsFresh();
  if (!fresh) log('front end: the build is older than its sources; building it (vite build)…');
  let raw: string;
  try {
    raw = execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/size.ts'), ...(fresh ? ['--no-build'] : [])], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    // size.ts exits 1 when a route is over its budget; its table is still on stdout.
    const err = e as { stdout?: string; stderr?: string };
    if (!err.stdout?.includes('gzip KB')) throw new Error(`scripts/size.ts failed: ${err.stderr ?? e}`);
    raw = err.stdout;
  }
  const lines = raw.split('\n');
  const header = lines.findIndex((l) => l.startsWith('route') && l.includes('gzip KB'));
  const sizes: RouteSize[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('/')) continue;
    const cells = line.split(/\s{2,}/).map((c) => c.trim());
    // route, files, raw, gzip, budget, [ok|OVER], lazy
    const [route, files, rawKb, gzipKb, budget] = cells;
    sizes.push({ route: route!, files: Number(files), rawKb: Number(rawKb), gzipKb: Number(gzipKb), budgetKb: budget === '—' ? null : Number(budget), lazy: cells[cells.length - 1] ?? '' });
  }
  return { sizes, built: !fresh, raw };
}

export async function qrDecodeTiming(runs: number, log: (l: string) => void): Promise<QrTiming> {
  const { chromium } = await import('@playwright/test');
  const { CHROMIUM_ARGS, CHROMIUM_PATH, fakeCameraArgs, TABLET } = await import('../../tests/e2e/support/browser.js');
  const { writeQrVideo } = await import('../../tests/e2e/support/y4m.js');
  if (!existsSync(join(ROOT, 'build/200.html'))) throw new Error('no production build (build/200.html)');
  const dir = mkdtempSync(join(tmpdir(), 'pos-bench-qr-'));
  const server = await startServer({ databaseUrl: `sqlite:${join(dir, 'pos.db')}`, env: { DEMO: '1' } });
  const base = `http://127.0.0.1:${server.port}`;
  const camera: number[] = [];
  const recognised: number[] = [];
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
      const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...fakeCameraArgs(video)] });
      try {
        const context = await browser.newContext({ viewport: TABLET, baseURL: base, permissions: ['camera'], locale: 'en-GB' });
        const page = await context.newPage();
        await page.goto('/cashier');
        await page.getByLabel('Shop').fill('demo-cafe');
        await page.getByLabel('Cashier').fill('cashier-1');
        await page.getByLabel('PIN').fill('1234');
        await page.getByRole('button', { name: 'Sign in' }).click();
        const pad = page.getByRole('group', { name: 'Amount keypad' });
        await pad.waitFor();
        for (const key of ['1', '2']) await pad.getByRole('button', { name: key, exact: true }).click();
        const paymentSent = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/payments', { timeout: 30_000 });
        const t0 = performance.now();
        await page.getByRole('button', { name: 'Scan with camera' }).click();
        const playing = page
          .waitForFunction(() => [...document.querySelectorAll('video')].some((v) => v.readyState >= 2 && !v.paused), undefined, { timeout: 30_000, polling: 'raf' })
          .then(() => performance.now());
        await paymentSent;
        const t1 = performance.now();
        await page.getByTestId('charge-result').waitFor({ timeout: 30_000 });
        const t2 = performance.now();
        const tVideo = await Promise.race([playing, new Promise<number>((r) => setTimeout(() => r(NaN), 100))]);
        camera.push(tVideo - t0);
        recognised.push(t1 - t0);
        shown.push(t2 - t0);
        log(`front end: QR run ${run + 1}: camera playing ${(tVideo - t0).toFixed(0)} ms, code recognised ${(t1 - t0).toFixed(0)} ms, result shown ${(t2 - t0).toFixed(0)} ms`);
        await context.close();
      } finally {
        await browser.close();
      }
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return { runs, cameraStartMs: summarize(camera.filter(Number.isFinite)), recognisedMs: summarize(recognised), resultShownMs: summarize(shown) };
}
