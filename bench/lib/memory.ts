/** Samples a server's resident memory while load runs: RSS at start, the highest seen, RSS at the end. */
import type { RunningServer } from './server.js';

/** Four samples a second catch the peak of a run that lasts seconds; VmHWM backs it up exactly. */
const SAMPLE_EVERY_MS = 250;

export interface MemoryReport {
  startMb: number;
  peakMb: number;
  endMb: number;
}

export function watchMemory(server: RunningServer) {
  const first = server.memory();
  const startMb = first?.rssMb ?? NaN;
  let peak = startMb;
  const timer = setInterval(() => {
    const m = server.memory();
    if (m) peak = Math.max(peak, m.rssMb, m.hwmMb);
  }, SAMPLE_EVERY_MS);
  timer.unref();
  return {
    finish(): MemoryReport {
      clearInterval(timer);
      const m = server.memory();
      return { startMb, peakMb: Math.max(peak, m?.hwmMb ?? 0, m?.rssMb ?? 0), endMb: m?.rssMb ?? NaN };
    },
  };
}
