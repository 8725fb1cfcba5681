import autocannon from "autocannon";

/** What one load phase sends: a fresh set of requests (with fresh counters) for each phase. */
export interface Workload {
  requests: autocannon.Request[];
  /** A response body is a success when this returns true (a GraphQL body without `errors`). */
  verifyBody?: (body: string) => boolean;
}

export interface PhaseResult {
  /** Mean of autocannon's one-second samples of completed requests. */
  reqPerSec: number;
  /** Completed requests / measured seconds (a cross-check of the mean). */
  completed: number;
  seconds: number;
  /** Latency of 2xx responses in ms, exact (from every response time, not autocannon's 1 ms histogram). */
  latency: { p50: number; p90: number; p95: number; p99: number; max: number; mean: number };
  non2xx: number;
  /** Socket errors and timeouts. */
  errors: number;
  timeouts: number;
  /** 2xx responses whose body failed the check (GraphQL `errors`). */
  mismatches: number;
  /** autocannon's own summary, for the JSON report. */
  autocannon: {
    requests: { average: number; stddev: number; min: number; max: number; total: number; sent: number };
    latency: { average: number; p50: number; p90: number; p99: number; max: number };
    throughputBytesPerSec: number;
    samples: number;
    statusCodeStats: Record<string, { count: number }>;
  };
}

function percentile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** One autocannon run: `connections` keep-alive connections for `duration` seconds. */
export async function loadPhase(url: string, connections: number, duration: number, work: Workload, timeout = 30): Promise<PhaseResult> {
  const times: number[] = [];
  const instance = autocannon({
    url,
    connections,
    duration,
    timeout,
    requests: work.requests,
    ...(work.verifyBody ? { verifyBody: work.verifyBody } : {}),
  });
  instance.on("response", (_client: unknown, status: number, _bytes: number, responseTime: number) => {
    if (status >= 200 && status < 300) times.push(responseTime);
  });
  const r = await instance;
  const sorted = Float64Array.from(times).sort();
  let sum = 0;
  for (const t of times) sum += t;
  return {
    reqPerSec: r.requests.average,
    completed: r.requests.total,
    seconds: r.duration,
    latency: {
      p50: percentile(sorted, 0.5),
      p90: percentile(sorted, 0.9),
      p95: percentile(sorted, 0.95),
      p99: percentile(sorted, 0.99),
      max: sorted.length ? sorted[sorted.length - 1] : Number.NaN,
      mean: times.length ? sum / times.length : Number.NaN,
    },
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    mismatches: r.mismatches,
    autocannon: {
      requests: { average: r.requests.average, stddev: r.requests.stddev, min: r.requests.min, max: r.requests.max, total: r.requests.total, sent: r.requests.sent },
      latency: { average: r.latency.average, p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
      throughputBytesPerSec: r.throughput.average,
      samples: r.samples,
      statusCodeStats: r.statusCodeStats,
    },
  };
}
