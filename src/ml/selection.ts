import { assertNever } from "../lib/assert-never";
import { kFold, stratifiedKFold, type Fold } from "./cross-validation";
import { expandCandidates } from "./grid";
import { accuracy, f1, logLoss, mae, mape, prAuc, precision, r2, recall, rmse, rocAuc, silhouette } from "./metrics";
import { fitModel, labelledRows, Pipeline } from "./model";
import { createRng, shuffled } from "./random";
import type { Candidate, CandidateResult, FittedModel, MetricName, Metrics, PreprocessOptions, ProgressCallback, SelectionResult, SelectionSpec, Table, Task } from "./types";

/**
 * Model selection by k-fold cross-validation: every candidate and the baseline on the same folds,
 * the whole pipeline (preprocessing included) fitted on each training fold only, scored on its test
 * fold with the task's metrics; the winner by the spec's metric, ties broken by fit time.
 */

export const defaultSelectionOptions = {
  /** Binary metrics that need a label use P(y = 1) ≥ threshold. */
  threshold: 0.5,
  /** Silhouette is O(n²): it is computed on at most this many (seeded) rows. */
  silhouetteRows: 2000,
  silhouetteSeed: 42,
};

/** Metrics where lower is better; every other metric is higher-is-better. */
export const lowerIsBetter: ReadonlySet<MetricName> = new Set<MetricName>(["mae", "rmse", "mape", "logLoss"]);

/** The metrics each task is scored with. */
export const taskMetrics: Record<Task, readonly MetricName[]> = {
  regression: ["mae", "rmse", "r2", "mape"],
  binary: ["rocAuc", "prAuc", "logLoss", "accuracy", "precision", "recall", "f1"],
  clustering: ["silhouette"],
};

/** Regression or binary metrics of predictions against the truth (binary: predictions are P(y = 1)). */
export function scorePredictions(task: "regression" | "binary", actual: readonly number[], predicted: readonly number[]): Metrics {
  if (task === "regression") return { mae: mae(actual, predicted), rmse: rmse(actual, predicted), r2: r2(actual, predicted), mape: mape(actual, predicted) };
  const labels = predicted.map((p) => (p >= defaultSelectionOptions.threshold ? 1 : 0));
  return {
    rocAuc: rocAuc(actual, predicted),
    prAuc: prAuc(actual, predicted),
    logLoss: logLoss(actual, predicted),
    accuracy: accuracy(actual, labels),
    precision: precision(actual, labels),
    recall: recall(actual, labels),
    f1: f1(actual, labels),
  };
}

/** Mean silhouette of cluster labels over (a seeded sample of) the points; 0 when there is one cluster. */
export function sampledSilhouette(points: readonly number[][], labels: readonly number[]): number {
  const { silhouetteRows, silhouetteSeed } = defaultSelectionOptions;
  const idx = shuffled(
    points.map((_, i) => i),
    createRng(silhouetteSeed),
  ).slice(0, silhouetteRows);
  const sampleLabels = idx.map((i) => labels[i]);
  if (new Set(sampleLabels).size < 2) return 0;
  return silhouette(
    idx.map((i) => points[i]),
    sampleLabels,
  );
}

/** Scores a fitted model on a table (regression: in target units; clustering: silhouette in the model's input space). */
export function evaluate(model: FittedModel, table: Table): Metrics {
  const { task } = model;
  switch (task) {
    case "regression":
    case "binary": {
      const { rows, y } = labelledRows(table, task);
      if (rows.length === 0) throw new Error(`evaluate: expected at least one row with a target, found none`);
      return scorePredictions(task, y, model.predict(rows));
    }
    case "clustering": {
      if (!(model instanceof Pipeline)) throw new Error("evaluate: expected a model from fitModel or loadModel for clustering (silhouette needs its input space)");
      if (table.rows.length === 0) throw new Error("evaluate: expected at least one row, found none");
      return { silhouette: sampledSilhouette(model.transform(table.rows), model.predict(table.rows)) };
    }
    default:
      return assertNever(task, "task");
  }
}

/** The part of a table at the given row indices. */
export function subset(table: Table, rows: readonly number[]): Table {
  return { features: table.features, rows: rows.map((i) => table.rows[i]), target: table.target ? rows.map((i) => table.target![i]) : undefined };
}

/** The table without rows whose target is missing (they can be neither learnt nor scored). */
export function labelledTable(table: Table, task: Task): Table {
  if (task === "clustering") return table;
  const { rows, y } = labelledRows(table, task);
  return { features: table.features, rows, target: y };
}

/** The folds of a selection (over `labelledTable(table)`): stratified for binary unless `cv.stratify === false`. */
export function selectionFolds(table: Table, spec: Pick<SelectionSpec, "task" | "cv">): Fold[] {
  const options = { folds: spec.cv.folds, seed: spec.cv.seed };
  if (spec.task === "binary" && spec.cv.stratify !== false) return stratifiedKFold(table.target ?? [], options);
  return kFold(table.rows.length, options);
}

/** Fits the whole pipeline on a fold's training rows and scores it on its test rows. */
export function fitFold(table: Table, task: Task, candidate: Candidate, fold: Fold, preprocess?: Partial<PreprocessOptions>): { model: Pipeline; metrics: Metrics; fitSeconds: number } {
  const started = performance.now();
  const model = fitModel(subset(table, fold.train), task, candidate, preprocess);
  const fitSeconds = (performance.now() - started) / 1000;
  return { model, metrics: evaluate(model, subset(table, fold.test)), fitSeconds };
}

/** Mean and sample standard deviation (n − 1) of each metric over the folds where it is finite. */
export function summarise(folds: readonly Metrics[]): { mean: Metrics; std: Metrics } {
  const mean: Metrics = {};
  const std: Metrics = {};
  const keys = new Set(folds.flatMap((m) => Object.keys(m) as MetricName[]));
  for (const key of keys) {
    const values = folds.map((m) => m[key]).filter((v): v is number => v !== undefined && Number.isFinite(v));
    if (values.length === 0) continue;
    const mu = values.reduce((s, v) => s + v, 0) / values.length;
    mean[key] = mu;
    std[key] = values.length > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mu) ** 2, 0) / (values.length - 1)) : 0;
  }
  return { mean, std };
}

/** Orders results best first by `metric` (a missing/NaN mean is worst), ties (to 1e-12) by fit time. */
export function compareResults(metric: MetricName): (a: CandidateResult, b: CandidateResult) => number {
  const sign = lowerIsBetter.has(metric) ? 1 : -1;
  return (a, b) => {
    const x = a.mean[metric];
    const y = b.mean[metric];
    const okX = x !== undefined && Number.isFinite(x);
    const okY = y !== undefined && Number.isFinite(y);
    if (okX !== okY) return okX ? -1 : 1;
    if (okX && okY && Math.abs(x - y) > 1e-12 * Math.max(1, Math.abs(x), Math.abs(y))) return sign * (x - y);
    return a.fitSeconds - b.fitSeconds;
  };
}

function checkSpec(spec: SelectionSpec): void {
  if (!taskMetrics[spec.task]) throw new Error(`selection: expected task regression, binary or clustering, found ${JSON.stringify(spec.task)}`);
  if (!taskMetrics[spec.task].includes(spec.metric)) throw new Error(`selection: expected a ${spec.task} metric (${taskMetrics[spec.task].join(", ")}), found ${JSON.stringify(spec.metric)}`);
  if (!Array.isArray(spec.candidates) || spec.candidates.length === 0) throw new Error("selection: expected at least one candidate, found none");
}

/**
 * Cross-validates every candidate of the spec (grids expanded) and the baseline on the same folds.
 * `fitSeconds` is the mean time to fit the pipeline on one training fold.
 */
export function selectModel(table: Table, spec: SelectionSpec, onProgress: ProgressCallback = () => undefined): SelectionResult {
  checkSpec(spec);
  const data = labelledTable(table, spec.task);
  const folds = selectionFolds(data, spec);
  const candidates: Candidate[] = [{ algorithm: "baseline", params: {} }, ...expandCandidates(spec.candidates, spec.cv.seed)];
  const total = candidates.length * folds.length;
  let done = 0;
  const results = candidates.map((candidate): CandidateResult => {
    const scores: Metrics[] = [];
    let seconds = 0;
    folds.forEach((fold, f) => {
      const r = fitFold(data, spec.task, candidate, fold, spec.preprocess);
      scores.push(r.metrics);
      seconds += r.fitSeconds;
      done += 1;
      onProgress(done, total, `${candidate.algorithm} ${JSON.stringify(candidate.params)} fold ${f + 1}/${folds.length}`);
    });
    return { algorithm: candidate.algorithm, params: candidate.params, folds: scores, ...summarise(scores), fitSeconds: seconds / folds.length };
  });
  const [baseline, ...rest] = results;
  const ranked = rest.slice().sort(compareResults(spec.metric));
  return { metric: spec.metric, baseline, candidates: ranked, best: ranked[0] };
}
