/** What the orchestrator hands the load generator, and what it gets back. Plain JSON both ways. */
import type { Summary } from '../lib/stats.js';

export interface LoadItem {
  /** pay: a code issued beforehand. */
  code?: string;
  /** flow: the customer's session token, and the coupon to put on the code (half of the items have one). */
  token?: string;
  couponId?: string | null;
  /** The amount A the cashier keys, in minor units (fen). */
  amount: number;
}

export interface LoadPlan {
  scenario: 'health' | 'pay' | 'flow';
  targets: { host: string; port: number }[];
  concurrency: number;
  durationMs: number;
  /**
   * A first stretch whose answers are not counted (health; and paced pay/flow, where the connections open and
   * the loader's code warms up during it: requests due in it are sent at the same pace, their latencies kept
   * apart as `warmupLatencyMs`).
   */
  warmupMs?: number;
  items: LoadItem[];
  cashierTokens: string[];
  /**
   * pay/flow: send at this steady rate (requests started per second, whatever the answers' pace) instead of as
   * fast as `concurrency` connections allow. Latency then counts from when a request was due, not when it went
   * out, so a server falling behind shows in the figures (no coordinated omission).
   */
  ratePerSecond?: number;
  /** Idempotency keys are `${keyPrefix}-${index}`: unique per run, as a till makes one per sale. */
  keyPrefix: string;
}

export interface LoadResult {
  scenario: LoadPlan['scenario'];
  concurrency: number;
  elapsedMs: number;
  itemsUsed: number;
  succeeded: number;
  declined: number;
  failed: number;
  /** Succeeded requests (health) or succeeded payments (pay, flow) per second. */
  perSecond: number;
  /** Operations answered over the whole run, warm-up included (a flow operation is a code and its payment). */
  answered: number;
  latencyMs: Summary;
  paycodeLatencyMs: Summary | null;
  paymentLatencyMs: Summary | null;
  /** Paced runs with a warm-up: the latencies of the requests due in it (a cold start: connections opening). */
  warmupLatencyMs?: Summary | null;
  statusCounts: Record<string, number>;
  errorSamples: string[];
  /** CPU the load generator itself used (user + system): when it nears the run's length, the loader is the limit. */
  loaderCpuSeconds: number;
}
