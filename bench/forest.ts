/**
 * The `forest` case's child process: one learner fitted on a synthetic binary table, timed. The table is
 * generated from the seed (src/ml/random.ts), so every child sees the same rows and the same 80/20 split.
 * It prints one JSON line on stdout; progress goes to stderr. One child per learner, so that no learner
 * runs in a heap (or a JIT state) that another left behind.
 *
 * argv: <algorithm> <params JSON> <rows> <features> <seed> [training rows]
 *   The last argument fits on the first N rows of the training split only (the same test rows).
 */
import { createEstimator, estimatorFromJSON, type Estimator } from "../src/ml/estimator";
import { accuracy, rocAuc } from "../src/ml/metrics";
import { createRng, shuffled } from "../src/ml/random";
import type { Candidate } from "../src/ml/types";

export interface ForestTable {
  X: number[][];
  y: number[];
}

/**
 * A binary table with a nonlinear signal on 8 of the columns (an interaction, thresholds, a sine, a
 * square, an XOR of signs) plus Gaussian noise on the score; the other columns are pure noise, a few of
 * them correlated with signal columns. The Bayes accuracy is ~0.92.
 */
export function forestTable(rows: number, features: number, seed: number): ForestTable {
  if (features < 10) throw new Error(`expected at least 10 features, found ${features}`);
  const rng = createRng(`bench-forest:${seed}`);
  const normal = () => {
    const u = 1 - rng.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
  };
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < rows; i++) {
    const x = new Array<number>(features);
    for (let f = 0; f < features; f++) x[f] = normal();
    // Decoys: noisy copies of two signal columns.
    x[8] = x[0] + 0.8 * x[8];
    x[9] = x[2] + 0.8 * x[9];
    const score =
      1.3 * x[0] * x[1] +
      (x[2] > 0.4 ? 1.2 : -0.6) +
      0.9 * Math.sin(2 * x[3]) -
      0.5 * (x[4] * x[4] - 1) +
      (x[5] > 0 !== x[6] > 0 ? 0.8 : -0.8) +
      0.6 * x[7] +
      0.5 * normal();
    X.push(x);
    y.push(score > 0.3 ? 1 : 0);
  }
  return { X, y };
}

/** The seeded 80/20 split: shuffled row indices, the first 80% for training. */
export function splitRows(n: number, seed: number): { train: number[]; test: number[] } {
  const order = shuffled(
    Array.from({ length: n }, (_, i) => i),
    createRng(`bench-forest-split:${seed}`),
  );
  const cut = Math.round(n * 0.8);
  return { train: order.slice(0, cut), test: order.slice(cut) };
}

export interface ForestRun {
  candidate: Candidate;
  trainRows: number;
  testRows: number;
  features: number;
  /** Share of class 1 among the training rows. */
  positiveShare: number;
  fitSeconds: number;
  predictSeconds: number;
  accuracy: number;
  auc: number;
  jsonChars: number;
  stringifySeconds: number;
  /** The reloaded estimator's predictions on the test rows equal the original's exactly. */
  roundTrip: { identical: boolean; maxAbsDiff: number };
  heapMB: number;
}

function main(): void {
  const [algorithm, paramsArg, rowsArg, featuresArg, seedArg, cutArg] = process.argv.slice(2);
  const rows = Number(rowsArg);
  const features = Number(featuresArg);
  const seed = Number(seedArg);
  let params: Record<string, unknown> | undefined;
  try {
    params = JSON.parse(paramsArg ?? "") as Record<string, unknown>;
  } catch {
    params = undefined;
  }
  if (!algorithm || !params || typeof params !== "object" || !(rows > 0) || !(features > 0) || !Number.isInteger(seed) || (cutArg !== undefined && !(Number(cutArg) > 0))) {
    process.stderr.write("usage: forest <algorithm> <params JSON> <rows> <features> <seed> [training rows]\n");
    process.exit(2);
  }
  const log = (line: string) => process.stderr.write(`[bench forest] ${line}\n`);
  const table = forestTable(rows, features, seed);
  const split = splitRows(rows, seed);
  const trainIdx = cutArg === undefined ? split.train : split.train.slice(0, Number(cutArg));
  const Xtr = trainIdx.map((i) => table.X[i]);
  const ytr = trainIdx.map((i) => table.y[i]);
  const Xte = split.test.map((i) => table.X[i]);
  const yte = split.test.map((i) => table.y[i]);
  const candidate = { algorithm, params } as Candidate;

  log(`${algorithm} ${JSON.stringify(params)}: fitting on ${Xtr.length} × ${features}…`);
  const estimator: Estimator = createEstimator("binary", candidate);
  let t = performance.now();
  estimator.fit(Xtr, ytr);
  const fitSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const scores = estimator.predict(Xte);
  const predictSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const text = JSON.stringify(estimator.toJSON());
  const stringifySeconds = (performance.now() - t) / 1000;
  const reloaded = estimatorFromJSON(JSON.parse(text));
  const again = reloaded.predict(Xte);
  let maxAbsDiff = 0;
  let identical = again.length === scores.length;
  for (let i = 0; i < scores.length; i++) {
    if (again[i] !== scores[i]) identical = false;
    const d = Math.abs(again[i] - scores[i]);
    maxAbsDiff = Number.isNaN(d) ? Number.POSITIVE_INFINITY : Math.max(maxAbsDiff, d);
  }
  const run: ForestRun = {
    candidate,
    trainRows: Xtr.length,
    testRows: Xte.length,
    features,
    positiveShare: ytr.reduce((s, v) => s + v, 0) / ytr.length,
    fitSeconds,
    predictSeconds,
    accuracy: accuracy(
      yte,
      scores.map((p) => (p >= 0.5 ? 1 : 0)),
    ),
    auc: rocAuc(yte, scores),
    jsonChars: text.length,
    stringifySeconds,
    roundTrip: { identical, maxAbsDiff },
    heapMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
  };
  log(`${algorithm}: fit ${fitSeconds.toFixed(2)} s, accuracy ${run.accuracy.toFixed(4)}, AUC ${run.auc.toFixed(4)}, JSON ${text.length} chars`);
  process.stdout.write(`${JSON.stringify(run)}\n`);
}

if (require.main === module) main();
