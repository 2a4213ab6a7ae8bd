/** Renders the results (bench/results.json) as a readable page (bench/results.md). */
import type { Results } from '../run.js';
import type { Row } from '../sections/settlement.js';

const n0 = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en') : '—');
const ms = (v: number) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(2) : v.toFixed(1)) : '—');
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

function table(header: string[], rows: (string | number)[][]): string {
  const out = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const r of rows) out.push(`| ${r.join(' | ')} |`);
  return out.join('\n');
}

function loadRows(rows: Row[], what: string) {
  return rows.map((r) => [
    what,
    r.concurrency,
    n0(r.perSecond),
    ms(r.latencyMs.p50),
    ms(r.latencyMs.p99),
    `${r.succeeded} / ${r.declined} / ${r.failed}`,
    (r.elapsedMs / 1000).toFixed(1),
    r.serverCpuUsPerOp == null ? '—' : n0(r.serverCpuUsPerOp),
    r.loaderCpuSeconds === undefined ? '—' : `${Math.round((r.loaderCpuSeconds / (r.elapsedMs / 1000)) * 100)}%`,
    r.load1.toFixed(2),
  ]);
}

export function renderMarkdown(r: Results, baseline?: Results): string {
  const m = r.machine;
  const parts: string[] = [];
  parts.push(`# Benchmark results${r.title ? `: ${r.title}` : ''}`);
  parts.push(
    `Produced by \`npm run bench${r.mode === 'quick' ? ' -- --quick' : ''}\` (bench/run.ts); the numbers are in results.json too. ` +
      'Two cores are shared by the server, the load generator, PostgreSQL and whatever else runs on the machine, so absolute figures move with the load average; compare ratios, and compare runs made under similar load.',
  );
  parts.push(
    table(
      ['machine', ''],
      [
        ['date', m.date],
        ['cores (nproc)', m.nproc],
        ['CPU', m.cpuModel],
        ['memory', `${m.memoryGb} GB`],
        ['node', m.node],
        ['PostgreSQL', r.postgres ?? 'not available'],
        ['load average (1, 5, 15 min) at start', m.loadAverageAtStart.join(', ')],
        ['load average at end', r.loadAverageAtEnd.join(', ')],
        ['API served from', r.api],
        ['mode', `${r.mode}, ${r.seconds.toFixed(0)} s in all`],
      ],
    ),
  );

  const dialects = r.settlement;
  if (dialects.length) {
    parts.push('## Headline: settlement against the ceiling');
    parts.push(
      'Ratio = POST /api/payments per second (codes issued beforehand; best concurrency level) ÷ GET /api/health per second (empty request; best level), on the same server in the same run. ' +
        'Full flow = POST /api/paycodes as the customer, then POST /api/payments as the cashier, per second.',
    );
    parts.push(
      table(
        ['database', 'payments/s', 'empty requests/s', 'ratio', 'server CPU µs: payment / empty request (ratio)', 'p99 ms at half the peak rate', 'code + payment/s', 'server RSS under settlement load: start / peak / end (MB)', 'invariants'],
        dialects.map((d) => [
          d.dialect,
          `${n0(d.headline.payPerSecond)} (c=${d.headline.payConcurrency})`,
          `${n0(d.headline.healthPerSecond)} (c=${d.headline.healthConcurrency})`,
          pct(d.headline.ratio),
          d.headline.payCpuUs && d.headline.healthCpuUs && d.headline.cpuRatio
            ? `${n0(d.headline.payCpuUs)} / ${n0(d.headline.healthCpuUs)} (${pct(d.headline.cpuRatio)})`
            : '—',
          d.halfPeak ? `${ms(d.halfPeak.latencyMs.p99)} (at ${n0(d.halfPeak.perSecond)}/s)` : '—',
          `${n0(d.headline.flowPerSecond)} (c=${d.headline.flowConcurrency})`,
          `${n0(d.memory.startMb)} / ${n0(d.memory.peakMb)} / ${n0(d.memory.endMb)}`,
          d.invariants.ok ? 'hold' : `BROKEN: ${d.invariants.violations.join('; ')}`,
        ]),
      ),
    );
    parts.push('## 1–2. Settlement through HTTP, and the ceiling');
    parts.push(
      'A fresh code per payment; every other customer has a 15% platform-funded coupon on its code. All payments go to one merchant (demo-cafe), the hot account. ' +
        'c = concurrent connections of the load generator (a separate process); each run lasts a few seconds or until its customers are used up. Latency in ms; for the full flow it covers both requests. ' +
          '"server CPU µs" is the server process\'s CPU time (user + system, /proc/<pid>/stat) over the run divided by the operations it answered, warm-up included: the figure a busy machine moves least. ' +
          '"loader CPU" is the load generator\'s own CPU time over the run (near 100%: the loader, not the server, was the limit).',
    );
    for (const d of dialects) {
      parts.push(`### ${d.dialect} (${n0(d.customers)} customers seeded in ${d.seedSeconds.toFixed(1)} s)`);
      parts.push(
        table(
          ['what', 'c', 'per second', 'p50 ms', 'p99 ms', 'ok / declined / failed', 's', 'server CPU µs per op', 'loader CPU', 'load (1 min)'],
          [
            ...loadRows(d.pay, 'POST /api/payments'),
            ...loadRows(d.halfPeak ? [d.halfPeak] : [], 'POST /api/payments, paced at half the peak (latency from when due)'),
            ...loadRows(d.flow, 'code + payment'),
            ...loadRows(d.ceiling, 'GET /api/health'),
          ],
        ),
      );
      const cold = d.halfPeak?.warmupLatencyMs;
      if (cold) {
        parts.push(
          `The paced run's first second (${n0(cold.count)} requests at the same pace, not counted above, as the ceiling's warm-up is not): its connections (64) open then, a cold start at p50 ${ms(cold.p50)} ms, p99 ${ms(cold.p99)} ms, max ${ms(cold.max)} ms.`,
        );
      }
      const samples = [...d.pay, ...d.flow, ...d.ceiling].flatMap((x) => x.errorSamples);
      if (samples.length) parts.push(`Failed requests (samples): ${samples.slice(0, 3).map((s) => `\`${s.replace(/`/g, "'").slice(0, 160)}\``).join(', ')}`);
    }
  }

  parts.push('## 3. Scale-out: two processes on one PostgreSQL');
  if (r.scaleOut) {
    const s = r.scaleOut;
    parts.push(
      'The load generator alternates between the two ports request by request (an L7 balancer); in the full flow the code is issued by one process and paid at the other. ' +
        'On two cores the second process gains no CPU, so this shows correctness and the cost of coordination, not added capacity.',
    );
    parts.push(
      table(
        ['processes', 'c', 'payments/s', 'p99 ms', 'code + payment/s', 'p99 ms'],
        [
          ['1', s.concurrency, n0(s.one.pay.perSecond), ms(s.one.pay.latencyMs.p99), n0(s.one.flow.perSecond), ms(s.one.flow.latencyMs.p99)],
          ['2', s.concurrency, n0(s.two.pay.perSecond), ms(s.two.pay.latencyMs.p99), n0(s.two.flow.perSecond), ms(s.two.flow.latencyMs.p99)],
        ],
      ),
    );
    parts.push(
      `- Payments answered to the tills in the two-process run: ${s.paymentsInRun}; payment rows written meanwhile: ${s.paymentsCounted} (${s.paymentsCounted === s.paymentsInRun ? 'equal' : 'DIFFERENT'}).\n` +
        `- Events: ${s.events.map((e) => `process ${e.server} streamed ${e.received} of ${e.expected}`).join('; ')} — ${s.eventsCrossed ? 'every payment reached both processes (LISTEN/NOTIFY)' : 'SOME EVENTS MISSING'}.\n` +
        `- Ledger invariants afterwards: ${s.invariants.ok ? 'hold' : `BROKEN: ${s.invariants.violations.join('; ')}`}.\n` +
        `- RSS per process (start / peak / end MB): ${s.memory.map((x) => `${n0(x.startMb)} / ${n0(x.peakMb)} / ${n0(x.endMb)}`).join('; ')}.`,
    );
  } else parts.push(`Skipped: ${r.skipped.scaleOut ?? 'not run'}.`);

  parts.push('## 4. Offline sync: 10,000 queued payments through POST /api/payments/batch');
  const offline = dialects.filter((d) => d.offline);
  if (offline.length) {
    parts.push('One terminal sends its queue in batches of 500, one request after the other; then sends the whole queue again (all answers lost), and the payments are counted. Meanwhile another till of the shop sells online, one sale at a time with 20 ms between an answer and the next sale: its latencies are what that cashier waits while the first till catches up.');
    parts.push(
      table(
        ['database', 'items', 'requests', 'seconds end to end', 'payments/s', 'succeeded / declined / error', 'resend: seconds', 'payments after / after resend', 'exactly once', 'server RSS peak MB', 'another till meanwhile: sales, p50 / p99 / max ms'],
        offline.map((d) => {
          const o = d.offline!;
          return [d.dialect, o.items, o.requests, o.seconds.toFixed(2), n0(o.perSecond), `${o.succeeded} / ${o.declined} / ${o.errors}`, o.replaySeconds.toFixed(2), `${o.paymentsAfter} / ${o.paymentsAfterReplay}`, o.exactlyOnce ? 'yes' : 'NO', o.memory ? n0(o.memory.peakMb) : '—', o.onlineDuringSync ? `${o.onlineDuringSync.sales}, ${o.onlineDuringSync.p50Ms.toFixed(1)} / ${o.onlineDuringSync.p99Ms.toFixed(1)} / ${o.onlineDuringSync.maxMs.toFixed(1)}` : '—'];
        }),
      ),
    );
  } else parts.push(`Skipped: ${r.skipped.offline ?? 'not run'}.`);

  parts.push('## 5. Front end');
  if (r.frontend?.sizes) {
    parts.push('Gzipped JavaScript a first visit to each route loads, from a production build of the current sources (scripts/size.ts); "lazy" loads later (the camera decoder on the scan screen, the service-worker helper).');
    parts.push(table(['route', 'JS files', 'raw KB', 'gzip KB', 'budget KB', '', 'lazy gzip KB'], r.frontend.sizes.map((s) => [s.route, s.files, s.rawKb, s.gzipKb, s.budgetKb ?? '—', s.budgetKb !== null && s.gzipKb > s.budgetKb ? '**over budget**' : s.budgetKb !== null ? 'ok' : '', s.lazy])));
  } else parts.push(`Sizes skipped: ${r.skipped.sizes ?? 'not run'}.`);
  if (r.frontend?.qr) {
    const q = r.frontend.qr;
    parts.push(
      `QR from the fake camera in headless Chromium, ${q.runs} runs (each a fresh browser and code), from the tap on "Scan with camera": ` +
        table(
          ['step', 'p50 ms', 'max ms'],
          [
            ['camera playing', ms(q.cameraStartMs.p50), ms(q.cameraStartMs.max)],
            ['code recognised (payment request sent)', ms(q.recognisedMs.p50), ms(q.recognisedMs.max)],
            ...(q.answeredMs ? [['payment answered (response received)', ms(q.answeredMs.p50), ms(q.answeredMs.max)]] : []),
            ['result on screen (seen by the page)', ms(q.resultShownMs.p50), ms(q.resultShownMs.max)],
          ],
        ).replace(/^/, '\n\n'),
    );
  } else parts.push(`QR timing skipped: ${r.skipped.qr ?? 'not run'}.`);

  parts.push('## 6. Cost growth: 1,000 vs 1,000,000 payments already in the database');
  if (r.growth.length) {
    parts.push('History payments (each with its transfer and used code, all at the bench merchant, over the past year) inserted directly; then the same loads on a freshly started server. Flat is good.');
    parts.push(
      table(
        ['database', 'payments before', 'insert s', `payments/s (c=${r.growth[0]!.concurrency})`, 'p99 ms', 'code + payment/s', 'p99 ms', 'GET /api/payments p50 ms', 'daily report p50 ms', 'campaign page p50 ms', 'day CSV p50 ms (lines)', 'load (1 min)'],
        r.growth.flatMap((g) =>
          g.points.map((p) => [g.dialect, n0(p.historyPayments), p.insertSeconds.toFixed(1), n0(p.pay.perSecond), ms(p.pay.latencyMs.p99), n0(p.flow.perSecond), ms(p.flow.latencyMs.p99), ms(p.listMs.p50), ms(p.reportMs.p50), p.campaignMs ? ms(p.campaignMs.p50) : '–', p.dayCsv ? `${ms(p.dayCsv.ms.p50)} (${n0(p.dayCsv.rows)})` : '–', p.pay.load1.toFixed(2)]),
        ),
      ),
    );
  } else parts.push(`Skipped: ${r.skipped.growth ?? 'not run'}.`);

  parts.push('## 7. Memory');
  if (dialects.length) {
    parts.push('Resident memory of the server process (/proc/<pid>/status: VmRSS at start and end, the highest of VmRSS samples and VmHWM as peak) over the settlement section above.');
    parts.push(table(['database', 'start MB', 'peak MB', 'end MB'], dialects.map((d) => [d.dialect, n0(d.memory.startMb), n0(d.memory.peakMb), n0(d.memory.endMb)])));
  }

  parts.push('## 8. The cashier’s JS heap over one sitting');
  if (r.heap) {
    const h = r.heap;
    const mb = (v: number | null) => (v === null ? '—' : v.toFixed(1));
    const peak = Math.max(...h.points.map((p) => p.usedMb));
    parts.push(
      `${n0(h.charges)} charges through the counter's UI in one page (amount on the keyboard, the code by the keyboard wedge, the result screen checked, "Next customer"), each through the outbox; ` +
        `the camera scan dialog opened on the fake camera and cancelled ${h.scannerOpens} times; today's payments with the live event stream open in a second tab (own renderer). ` +
        'Heap = V8 heap in use after two full GCs (CDP HeapProfiler.collectGarbage, Runtime.getHeapUsage).' +
        (h.date ? ` Measured ${h.date}, load average ${h.loadAtStart.join(', ')} at the start, ${h.loadAtEnd.join(', ')} at the end.` : ''),
    );
    parts.push(
      table(
        ['charges', 'counter heap MB', 'V8 heap size MB', 'Blink heap MB', 'DOM nodes', 'JS listeners', 'payments tab heap MB', 'payments listed'],
        h.points.map((p) => [n0(p.charges), mb(p.usedMb), mb(p.totalMb), mb(p.embedderMb ?? null), p.domNodes ?? '—', p.listeners ?? '—', mb(p.streamTabUsedMb), p.streamTabRows === null ? '—' : n0(p.streamTabRows)]),
      ),
    );
    const steady = (v: number | null) => (v === null ? '—' : `${v.toFixed(2)} MB`);
    parts.push(
      `- Counter: ${mb(h.points[0]!.usedMb)} MB at the start, ${mb(peak)} MB at most: ${peak < h.budgetMb ? `under the ${h.budgetMb} MB budget` : `**over the ${h.budgetMb} MB budget**`}. ` +
        `Growth per 100 charges: ${steady(h.growthPer100Mb)} from the start, ${steady(h.steadyGrowthPer100Mb)} after the first checkpoint (what a leak would add); payments tab ${steady(h.streamTabSteadyGrowthPer100Mb)} (it lists every payment of the day; ${mb(h.streamTabAfterLeavingMb ?? null)} MB once it left the list for the counter, from ${mb(h.points[0]!.streamTabUsedMb)} MB at its start).\n` +
        `- ${n0(h.succeeded)} of ${n0(h.charges)} charged at ${h.chargesPerSecond.toFixed(1)} charges/s (per charge p50 ${ms(h.chargeMs.p50)} ms, p99 ${ms(h.chargeMs.p99)} ms, from the first key to the checked result); ` +
        `the payments tab received ${h.streamReceived === null ? '—' : n0(h.streamReceived)} through the event stream; ${h.wallSeconds.toFixed(0)} s in all with seeding and startup.` +
        (h.failures.length ? `\n- Failed charges: ${h.failures.slice(0, 3).join('; ')}` : ''),
    );
  } else parts.push(`Skipped: ${r.skipped.heap ?? 'not run'}.`);

  const skipped = Object.entries(r.skipped).filter(([, v]) => v);
  if (skipped.length || r.notes.length) {
    parts.push('## Skipped and notes');
    parts.push([...skipped.map(([k, v]) => `- ${k}: skipped — ${v}`), ...r.notes.map((x) => `- ${x}`)].join('\n'));
  }

  if (baseline && baseline.settlement.length) {
    parts.push(`## Before and after (baseline: ${baseline.api}, ${baseline.machine.date}, load ${baseline.machine.loadAverageAtStart.join(', ')})`);
    const rows: (string | number)[][] = [];
    for (const d of r.settlement) {
      const b = baseline.settlement.find((x) => x.dialect === d.dialect);
      if (!b) continue;
      const line = (what: string, before: number, after: number) => rows.push([d.dialect, what, n0(before), n0(after), `${(after / before).toFixed(2)}×`]);
      for (const a of d.pay) {
        const x = b.pay.find((y) => y.concurrency === a.concurrency);
        if (x) line(`POST /api/payments c=${a.concurrency} /s`, x.perSecond, a.perSecond);
      }
      for (const a of d.flow) {
        const x = b.flow.find((y) => y.concurrency === a.concurrency);
        if (x) line(`code + payment c=${a.concurrency} /s`, x.perSecond, a.perSecond);
      }
      for (const a of d.ceiling) {
        const x = b.ceiling.find((y) => y.concurrency === a.concurrency);
        if (x) line(`GET /api/health c=${a.concurrency} /s`, x.perSecond, a.perSecond);
      }
      rows.push([d.dialect, 'ratio payments / empty requests', pct(b.headline.ratio), pct(d.headline.ratio), `${(d.headline.ratio / b.headline.ratio).toFixed(2)}×`]);
    }
    parts.push(table(['database', 'measure', 'before', 'after', 'after / before'], rows));
  }
  return `${parts.join('\n\n')}\n`;
}
