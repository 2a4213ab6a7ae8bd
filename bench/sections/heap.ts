/**
 * Benchmark 8: the cashier's JS heap over one sitting of 1,000 charges (issue 6: under 50 MB, no leak from the
 * scanner, the event stream or the outbox).
 *
 * One real counter (/cashier) in headless Chromium, signed in through its form as the bench merchant's cashier,
 * takes the charges through its UI the way a counter with a handheld scanner does: the amount typed on the
 * keyboard, the customer's code "typed" by the keyboard wedge (18 digits and Enter), the result screen awaited
 * and checked, "Next customer". Every charge goes through the tablet's outbox (Dexie/IndexedDB). Every
 * `scannerEvery` charges the camera scan dialog is opened on Chromium's fake camera (showing a QR code that is
 * not a payment code, so the decoder runs and answers) and cancelled.
 *
 * The counter itself holds no event stream: the live stream (EventSource, GET /api/events) is on today's
 * payments (/cashier/payments). So a second tab shows that page in its own browser context (its own renderer
 * process, so the two heaps are apart), signed in as the same cashier, and receives every payment's event
 * while the counter charges; its heap is measured at the same points.
 *
 * Heap: HeapProfiler.collectGarbage (twice), then Runtime.getHeapUsage (usedSize) through a CDP session, at the
 * start (signed in, counter on screen), every `checkpointEvery` charges and at the end; DOM nodes and JS event
 * listeners from Memory.getDOMCounters beside it (a listener or a video element left behind shows there first).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession } from '@playwright/test';
import { loadAverage } from '../lib/machine.js';
import { ROOT } from '../lib/paths.js';
import { amountFor, seedBench } from '../lib/seed.js';
import { startServer } from '../lib/server.js';
import { summarize, type Summary } from '../lib/stats.js';

export interface HeapOptions {
  charges: number;
  checkpointEvery: number;
  scannerEvery: number;
  log: (line: string) => void;
}

export interface HeapPoint {
  charges: number;
  /** Seconds since the first charge. */
  atSeconds: number;
  /** The counter's V8 heap in use after a full GC (Runtime.getHeapUsage usedSize), MB. */
  usedMb: number;
  /** The V8 heap's size (used and free), MB. */
  totalMb: number;
  /** Blink's garbage-collected heap in use (DOM objects and the like; Runtime.getHeapUsage embedderHeapUsedSize), MB. */
  embedderMb: number | null;
  domNodes: number | null;
  listeners: number | null;
  /** The payments tab with the live event stream (its own renderer), heap in use after a full GC, MB. */
  streamTabUsedMb: number | null;
  /** Payments listed on that tab by then (each arrived through the event stream). */
  streamTabRows: number | null;
}

export interface HeapResult {
  /** When the section ran, and the load average (1, 5, 15 min) then: it may run apart from the rest of the suite. */
  date: string;
  loadAtStart: number[];
  loadAtEnd: number[];
  charges: number;
  succeeded: number;
  failures: string[];
  scannerOpens: number;
  budgetMb: number;
  points: HeapPoint[];
  /** (end − start) ÷ charges × 100, MB: includes what the first charges load once (the outbox, the decoder). */
  growthPer100Mb: number;
  /** From the first checkpoint after the start to the end, MB per 100 charges: a leak shows here. */
  steadyGrowthPer100Mb: number | null;
  streamTabSteadyGrowthPer100Mb: number | null;
  /** Charges ÷ the seconds spent charging (heap checkpoints and scanner openings left out). */
  chargesPerSecond: number;
  /** From the first key of the amount to the checked result screen, per charge. */
  chargeMs: Summary;
  wallSeconds: number;
  /** Payments the payments tab listed at the end (arrived through the event stream). */
  streamReceived: number | null;
  /**
   * That tab's heap after it left the payments page for the counter (an in-app link: the list and its stream
   * are dropped): back near its start when what it grew by was the list itself, not something left behind.
   */
  streamTabAfterLeavingMb: number | null;
  screenshots: string[];
}

const BUDGET_MB = 50;
const MB = 1024 * 1024;
const TMP = join(ROOT, 'bench/tmp');

/** "12.34" for 1234 minor units (CNY, two decimals), as a cashier keys it. */
function keyed(minor: number): string {
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}

interface Measured {
  usedMb: number;
  totalMb: number;
  embedderMb: number | null;
  domNodes: number | null;
  listeners: number | null;
}

async function measure(cdp: CDPSession): Promise<Measured> {
  // Twice: a first full GC can leave objects whose finalizers free more on the second.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters').catch(() => null);
  return { usedMb: heap.usedSize / MB, totalMb: heap.totalSize / MB, embedderMb: Number.isFinite(heap.embedderHeapUsedSize) ? heap.embedderHeapUsedSize / MB : null, domNodes: dom?.nodes ?? null, listeners: dom?.jsEventListeners ?? null };
}

/** Runs the sitting against a server serving the production build in `staticDir`. */
export async function runHeap(staticDir: string, opts: HeapOptions): Promise<HeapResult> {
  const { log } = opts;
  const { chromium } = await import('@playwright/test');
  const { CHROMIUM_ARGS, FULL_CHROMIUM_PATH, CONTEXT_DEFAULTS, fakeCameraArgs, TABLET } = await import('../../tests/e2e/support/browser.js');
  const { writeQrVideo } = await import('../../tests/e2e/support/y4m.js');
  if (!existsSync(join(staticDir, '200.html'))) throw new Error(`no production build in ${staticDir}`);
  mkdirSync(TMP, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'pos-bench-heap-'));
  const started = performance.now();
  const date = new Date().toISOString();
  const loadAtStart = loadAverage();
  try {
    log(`heap: seeding ${opts.charges} customers with codes issued beforehand…`);
    const databaseUrl = `sqlite:${join(dir, 'heap.db')}`;
    const data = await seedBench(databaseUrl, { customers: opts.charges, cashierSessions: 1, prepareCodes: true });
    // The fake camera shows a QR code that is not a payment code: the decoder runs and answers, nothing is charged.
    const video = join(dir, 'menu.y4m');
    writeQrVideo(video, 'https://example.com/menu');
    const server = await startServer({ databaseUrl, env: { STATIC_DIR: staticDir } });
    const base = `http://127.0.0.1:${server.port}`;
    const browser = await chromium.launch({ executablePath: FULL_CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...fakeCameraArgs(video)] });
    try {
      // The counter, signed in through its form (demo-cafe's cashier-1, the demo PIN the seed sets).
      const counterContext = await browser.newContext({ viewport: TABLET, baseURL: base, permissions: ['camera'], ...CONTEXT_DEFAULTS });
      const page = await counterContext.newPage();
      await page.goto('/cashier');
      await page.getByLabel('Shop').fill('demo-cafe');
      await page.getByLabel('Cashier').fill('cashier-1');
      await page.getByLabel('PIN').fill('1234');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('group', { name: 'Amount keypad' }).waitFor();
      // The outbox code loads just after the first paint; let it (and the engine's first drain) settle.
      await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);

      // Today's payments with the live event stream, in its own context (own renderer process, own heap).
      const streamContext = await browser.newContext({ viewport: TABLET, baseURL: base, ...CONTEXT_DEFAULTS });
      const streamPage = await streamContext.newPage();
      const token = data.cashierTokens[0]!;
      const me = await (await fetch(`${base}/api/me`, { headers: { Authorization: `Bearer ${token}` } })).json();
      await streamPage.goto('/');
      await streamPage.evaluate(([t, s]) => localStorage.setItem('pos.session.cashier', JSON.stringify({ token: t, session: s })), [token, me] as const);
      const streamOpen = streamPage.waitForResponse((r) => new URL(r.url()).pathname === '/api/events', { timeout: 30_000 });
      await streamPage.goto('/cashier/payments');
      await streamOpen;
      const streamRows = streamPage.locator('tbody tr[data-payment-id]');
      // The list draws its newest 100 rows; how many payments the tab holds is in its summary ("1000 paid · …").
      const streamSummary = streamPage.locator('h1#payments-title + p');
      const streamCount = async () => Number(/(\d+) paid/.exec((await streamSummary.textContent()) ?? '')?.[1] ?? 0);

      const cdp = await counterContext.newCDPSession(page);
      const streamCdp = await streamContext.newCDPSession(streamPage);
      const points: HeapPoint[] = [];
      let chargingStarted = 0;
      const checkpoint = async (charges: number) => {
        const [m, s] = await Promise.all([measure(cdp), measure(streamCdp)]);
        const rows = await streamCount();
        const p: HeapPoint = {
          charges,
          atSeconds: chargingStarted ? (performance.now() - chargingStarted) / 1000 : 0,
          ...m,
          streamTabUsedMb: s.usedMb,
          streamTabRows: rows,
        };
        points.push(p);
        log(
          `heap: after ${charges} charges: counter ${p.usedMb.toFixed(1)} MB used (${p.totalMb.toFixed(1)} MB heap), ${p.domNodes} DOM nodes, ${p.listeners} listeners; ` +
            `payments tab ${s.usedMb.toFixed(1)} MB holding ${rows} payments (${await streamRows.count()} rows drawn)`,
        );
      };
      await checkpoint(0);

      const result = page.getByTestId('charge-result');
      const outcome = page.locator('[data-testid="charge-result"], [data-testid="charge-declined"], [data-testid="charge-queued"]').first();
      const display = page.getByTestId('amount-display');
      const next = page.getByRole('button', { name: 'Next customer' });
      const dialog = page.getByRole('dialog', { name: 'Scan the customer’s code' });
      const failures: string[] = [];
      const chargeMs: number[] = [];
      const screenshots: string[] = [];
      let succeeded = 0;
      let scannerOpens = 0;
      chargingStarted = performance.now();

      for (let i = 0; i < opts.charges; i++) {
        const customer = data.customers[i]!;
        const minor = amountFor(i);
        const t0 = performance.now();
        // No field has focus: the amount on the keyboard, then the scanner's 18 digits and Enter.
        await page.keyboard.type(keyed(minor));
        await page.keyboard.type(customer.code!);
        await page.keyboard.press('Enter');
        await outcome.waitFor({ timeout: 30_000 });
        const shown = (await result.count()) ? await result.getByTestId('amount').textContent() : null;
        if (shown === `¥${keyed(minor)}`) {
          succeeded++;
          chargeMs.push(performance.now() - t0);
        } else {
          const why = shown === null ? ((await outcome.textContent()) ?? '').replace(/\s+/g, ' ').trim().slice(0, 160) : `result shows ${shown}, keyed ${keyed(minor)}`;
          failures.push(`charge ${i + 1}: ${why}`);
          log(`heap: charge ${i + 1} did not succeed: ${why}`);
          if (failures.length >= 10) throw new Error(`ten charges failed; the last: ${why}`);
        }
        if (i === opts.charges - 1) {
          const shot = join(TMP, 'heap-last-charge.png');
          await page.screenshot({ path: shot });
          screenshots.push(shot);
        }
        // Back to the counter: "Next customer" on a result; on anything else a fresh counter.
        if (shown !== null) await next.press('Enter');
        else await page.goto('/cashier');
        await display.waitFor();

        const done = i + 1;
        if (done % opts.scannerEvery === 0) {
          const s0 = performance.now();
          await page.getByRole('button', { name: 'Scan with camera' }).click();
          await dialog.getByText('That is not a payment code.').waitFor({ timeout: 30_000 });
          await dialog.getByRole('button', { name: 'Cancel' }).click();
          await dialog.waitFor({ state: 'hidden' });
          // Focus went back to the scan button; the next keys belong to the page, as at a real counter.
          await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
          scannerOpens++;
          chargingStarted += performance.now() - s0;
        }
        if (done % opts.checkpointEvery === 0 || done === opts.charges) {
          const c0 = performance.now();
          await checkpoint(done);
          chargingStarted += performance.now() - c0;
        }
      }
      const chargingSeconds = points[points.length - 1]!.atSeconds;

      // Every payment should have reached the payments tab through the stream (give the last ones a moment).
      const until = Date.now() + 15_000;
      let streamReceived = await streamCount();
      while (streamReceived < succeeded && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 200));
        streamReceived = await streamCount();
      }
      const streamShot = join(TMP, 'heap-payments-tab.png');
      await streamPage.screenshot({ path: streamShot });
      screenshots.push(streamShot);
      await streamPage.getByRole('link', { name: 'Counter' }).click();
      await streamPage.getByRole('group', { name: 'Amount keypad' }).waitFor();
      const afterLeaving = await measure(streamCdp);
      log(`heap: payments tab after leaving the list for the counter: ${afterLeaving.usedMb.toFixed(1)} MB`);

      const first = points[0]!;
      const last = points[points.length - 1]!;
      const steadyFrom = points.length > 2 ? points[1]! : null;
      const per100 = (a: number, b: number, n: number) => ((b - a) / n) * 100;
      const res: HeapResult = {
        date,
        loadAtStart,
        loadAtEnd: loadAverage(),
        charges: opts.charges,
        succeeded,
        failures,
        scannerOpens,
        budgetMb: BUDGET_MB,
        points,
        growthPer100Mb: per100(first.usedMb, last.usedMb, last.charges),
        steadyGrowthPer100Mb: steadyFrom ? per100(steadyFrom.usedMb, last.usedMb, last.charges - steadyFrom.charges) : null,
        streamTabSteadyGrowthPer100Mb: steadyFrom ? per100(steadyFrom.streamTabUsedMb!, last.streamTabUsedMb!, last.charges - steadyFrom.charges) : null,
        chargesPerSecond: succeeded / chargingSeconds,
        chargeMs: summarize(chargeMs),
        wallSeconds: (performance.now() - started) / 1000,
        streamReceived,
        streamTabAfterLeavingMb: afterLeaving.usedMb,
        screenshots,
      };
      log(
        `heap: ${succeeded}/${opts.charges} charged at ${res.chargesPerSecond.toFixed(1)}/s (p50 ${res.chargeMs.p50.toFixed(0)} ms), scanner opened ${scannerOpens}×; ` +
          `counter ${first.usedMb.toFixed(1)} → ${last.usedMb.toFixed(1)} MB, ${res.growthPer100Mb.toFixed(2)} MB per 100 charges (${res.steadyGrowthPer100Mb?.toFixed(2) ?? '—'} after the first checkpoint); ` +
          `stream tab received ${streamReceived}`,
      );
      return res;
    } finally {
      await browser.close();
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
