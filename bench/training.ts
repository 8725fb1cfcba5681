/**
 * The posts-training case's background: a loop that trains one model after another in a Resonance
 * server (`trainModel`, then `trainingRun` polled until SUCCEEDED or FAILED, then the next run), while
 * autocannon loads the same server. Training runs in a worker thread; building its table does not.
 */
import { post, requestBody } from "./graphql";
import type { PhaseResult } from "./load";

export const trainMutation = "mutation BenchTrain($name: String!) { trainModel(name: $name) { id status } }";
export const trainingRunQuery = "query BenchTrainingRun($id: ID!) { trainingRun(id: $id) { status progress stage seconds error } }";

/** One training run as the bench saw it; times in ms of `performance.now()` in the bench process. */
export interface TrainingRunRecord {
  id: string;
  status: "SUCCEEDED" | "FAILED";
  /** The run's own duration as the server reports it (from the version's creation to its end). */
  serverSeconds: number;
  error: string | null;
  /** When the bench sent trainModel, when trainModel answered, and when a poll first saw the run finished. */
  sentMs: number;
  answeredMs: number;
  finishedMs: number;
}

export interface TrainingLoop {
  runs: TrainingRunRecord[];
  /** Why the loop stopped early (a refused trainModel, an unreachable server); empty when it ran until stopped. */
  errors: string[];
  /** Starts no new run, waits for the one in flight to finish, and resolves when the loop has ended. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type RunReply = { status: "RUNNING" | "SUCCEEDED" | "FAILED"; progress: number; stage: string; seconds: number; error: string | null };

/** Trains `model` once and polls until it finishes; throws with the server's words when it cannot start or be polled. */
export async function trainOnce(url: string, model: string, pollMs = 250): Promise<TrainingRunRecord> {
  const sentMs = performance.now();
  const started = await post(url, requestBody(trainMutation, { name: model }));
  const answeredMs = performance.now();
  const id = (started.json.data?.trainModel as { id?: string } | undefined)?.id;
  if (started.status < 200 || started.status >= 300 || started.json.errors?.length || !id) {
    throw new Error(`trainModel(name: "${model}"): expected a run, found HTTP ${started.status} ${started.text.slice(0, 500)}`);
  }
  let failedPolls = 0;
  for (;;) {
    await sleep(pollMs);
    let run: RunReply | undefined;
    let problem = "";
    try {
      const reply = await post(url, requestBody(trainingRunQuery, { id }));
      run = reply.json.data?.trainingRun as RunReply | undefined;
      if (!run) problem = `HTTP ${reply.status} ${reply.text.slice(0, 300)}`;
    } catch (err) {
      problem = (err as Error).message;
    }
    if (!run) {
      if (++failedPolls >= 20) throw new Error(`trainingRun(id: "${id}"): expected the run, found ${problem}`);
      continue;
    }
    failedPolls = 0;
    if (run.status === "RUNNING") continue;
    return { id, status: run.status, serverSeconds: run.seconds, error: run.error, sentMs, answeredMs, finishedMs: performance.now() };
  }
}

/** Starts the loop at once; `log` gets one line per finished run. */
export function startTrainingLoop(url: string, model: string, log: (line: string) => void): TrainingLoop {
  let stopping = false;
  const runs: TrainingRunRecord[] = [];
  const errors: string[] = [];
  const done = (async () => {
    while (!stopping) {
      try {
        const run = await trainOnce(url, model);
        runs.push(run);
        log(`training ${model}: run ${runs.length} ${run.status} in ${run.serverSeconds.toFixed(1)} s${run.error ? ` (${run.error})` : ""}`);
      } catch (err) {
        errors.push((err as Error).message);
        log(`training ${model}: the loop stopped: ${(err as Error).message}`);
        return;
      }
    }
  })();
  return {
    runs,
    errors,
    async stop() {
      stopping = true;
      await done;
    },
  };
}

/** What the training did around one measured phase. */
export interface TrainingPhase {
  connections: number;
  model: string;
  /** The measured phase, in ms of `performance.now()`. */
  window: { startMs: number; endMs: number };
  runs: TrainingRunRecord[];
  errors: string[];
  /** Runs that finished inside the measured window, and their mean server seconds. */
  completedInWindow: number;
  meanSecondsInWindow: number;
  /** Mean server seconds of every run of the loop (started in the warm-up or the measured phase). */
  meanSeconds: number;
  /** Share of the measured window during which a run was in flight (sent → seen finished). */
  busyShare: number;
  /** ms the bench waited after the measured phase for the run in flight to finish. */
  drainMs: number;
}

export function summarisePhase(
  connections: number,
  model: string,
  window: { startMs: number; endMs: number },
  loop: TrainingLoop,
  drainMs: number,
): TrainingPhase {
  const inWindow = loop.runs.filter((r) => r.finishedMs >= window.startMs && r.finishedMs <= window.endMs);
  const mean = (rs: TrainingRunRecord[]) => (rs.length ? rs.reduce((s, r) => s + r.serverSeconds, 0) / rs.length : Number.NaN);
  let busy = 0;
  for (const r of loop.runs) busy += Math.max(0, Math.min(r.finishedMs, window.endMs) - Math.max(r.sentMs, window.startMs));
  return {
    connections,
    model,
    window,
    runs: loop.runs,
    errors: loop.errors,
    completedInWindow: inWindow.length,
    meanSecondsInWindow: mean(inWindow),
    meanSeconds: mean(loop.runs),
    busyShare: busy / (window.endMs - window.startMs),
    drainMs,
  };
}

const int = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const ms = (v: number) => (!Number.isFinite(v) ? "–" : v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));
const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? (a / b).toFixed(2) : "–");
const secs = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "–");

/** The Markdown of the case: idle against training, per connection count. */
export function trainingMarkdown(
  model: string,
  check: TrainingRunRecord | undefined,
  rows: Array<{ connections: number; idle?: PhaseResult; training?: PhaseResult; phase?: TrainingPhase }>,
): string[] {
  const lines = [
    `posts(first: 20) with the response cache off, on one server (its own copy of the database), idle and while it trains "${model}" in a loop ` +
      "(trainModel, then trainingRun polled every 250 ms until it finishes, then the next run; the training itself runs in a worker thread, its table is built on the main thread):",
    "",
  ];
  if (check) {
    lines.push(
      `- Check before any load: one run of "${model}" ${check.status} in ${check.serverSeconds.toFixed(1)} s (server seconds), with nothing else running${check.error ? `: ${check.error}` : ""}.`,
      "",
    );
  }
  lines.push(
    "| conns | req/s idle | req/s training | ratio | p50 ms idle | p50 ms training | ratio | p99 ms idle | p99 ms training | ratio | runs finished in the window | mean s of those | runs of the loop, mean s | training busy |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const r of rows) {
    const i = r.idle;
    const t = r.training;
    const p = r.phase;
    lines.push(
      `| ${r.connections} | ${i ? int.format(i.reqPerSec) : "–"} | ${t ? int.format(t.reqPerSec) : "–"} | ${i && t ? ratio(t.reqPerSec, i.reqPerSec) : "–"} | ` +
        `${i ? ms(i.latency.p50) : "–"} | ${t ? ms(t.latency.p50) : "–"} | ${i && t ? ratio(t.latency.p50, i.latency.p50) : "–"} | ` +
        `${i ? ms(i.latency.p99) : "–"} | ${t ? ms(t.latency.p99) : "–"} | ${i && t ? ratio(t.latency.p99, i.latency.p99) : "–"} | ` +
        `${p ? p.completedInWindow : "–"} | ${p ? secs(p.meanSecondsInWindow) : "–"} | ${p ? `${p.runs.length}, ${secs(p.meanSeconds)}` : "–"} | ${p ? `${Math.round(p.busyShare * 100)}%` : "–"} |`,
    );
  }
  for (const p of rows.map((r) => r.phase).filter((x): x is TrainingPhase => x !== undefined)) {
    const failed = p.runs.filter((r) => r.status === "FAILED");
    if (failed.length) lines.push(`- c=${p.connections}: ${failed.length} run(s) FAILED, the first with: ${failed[0].error ?? "no error text"}.`);
    if (p.errors.length) lines.push(`- c=${p.connections}: the training loop stopped early: ${p.errors[0]}`);
  }
  lines.push(
    "",
    "Ratios are training ÷ idle. \"Runs of the loop\" counts every run started from the warm-up on, including the one the bench waited for after the " +
      "measured phase (it starts no new run then, and waits for the server to go idle before the next case); \"training busy\" is the share of " +
      "the measured window during which a run was in flight.",
  );
  return lines;
}
