import { packArtifact } from "../artifact";
import { kFold, stratifiedKFold } from "../cross-validation";
import { permutationImportance } from "../explain";
import { fitModel } from "../model";
import { evaluate, selectModel } from "../selection";
import type { FeatureImportance, Metrics, ProgressCallback, SelectionResult, SelectionSpec, Table } from "../types";

/** One training run, as plain data (it crosses into a worker thread). */
export interface TrainJob {
  table: Table;
  selection: SelectionSpec;
  /** Fraction of rows held out (stratified for binary tasks) for the final, honest metrics. */
  holdout: number;
  seed: number;
  importanceRepeats: number;
}

export interface TrainOutcome {
  selection: SelectionResult;
  holdout: { rows: number; model: Metrics; baseline: Metrics };
  importances: FeatureImportance[];
  /** The winner refitted on every row (what serves predictions), as stored: packed by `packArtifact`. */
  artifact: string;
  trainingRows: number;
  seconds: { selection: number; holdout: number; importance: number; final: number; total: number };
}

function subset(table: Table, rows: readonly number[]): Table {
  return { features: table.features, rows: rows.map((i) => table.rows[i]), target: table.target ? rows.map((i) => table.target![i]) : undefined };
}

/** A seeded holdout split: the first fold of a k-fold with k ≈ 1 / fraction (stratified for classes). */
export function holdoutSplit(table: Table, fraction: number, seed: number, stratify: boolean): { train: number[]; test: number[] } {
  const folds = Math.max(2, Math.round(1 / fraction));
  const [first] = stratify && table.target ? stratifiedKFold(table.target, { folds, seed }) : kFold(table.rows.length, { folds, seed });
  return { train: first.train, test: first.test };
}

/**
 * Select on the training part by cross-validation, measure the winner and the baseline on the
 * held-out part, explain with permutation importance there, then refit the winner on every row.
 */
export function runTraining(job: TrainJob, onProgress: ProgressCallback = () => undefined): TrainOutcome {
  const started = performance.now();
  const { selection } = job;
  const split = holdoutSplit(job.table, job.holdout, job.seed, selection.task === "binary");
  const train = subset(job.table, split.train);
  const test = subset(job.table, split.test);

  const result = selectModel(train, selection, (done, total, label) => onProgress(done, total + 3, label));
  const selected = performance.now();
  const steps = result.candidates.length + 0;
  onProgress(steps, steps + 3, "holdout");
  const best = fitModel(train, selection.task, { algorithm: result.best.algorithm, params: result.best.params }, selection.preprocess);
  const baseline = fitModel(train, selection.task, { algorithm: "baseline", params: {} }, selection.preprocess);
  const holdout = { rows: test.rows.length, model: evaluate(best, test), baseline: evaluate(baseline, test) };
  const measured = performance.now();
  onProgress(steps + 1, steps + 3, "importance");
  const importances = permutationImportance(best, test, selection.metric, { repeats: job.importanceRepeats, seed: job.seed });
  const explained = performance.now();
  onProgress(steps + 2, steps + 3, "final fit");
  const final = fitModel(job.table, selection.task, { algorithm: result.best.algorithm, params: result.best.params }, selection.preprocess);
  const done = performance.now();
  onProgress(steps + 3, steps + 3, "done");
  return {
    selection: result,
    holdout,
    importances,
    artifact: packArtifact(final.toJSON()),
    trainingRows: job.table.rows.length,
    seconds: {
      selection: (selected - started) / 1000,
      holdout: (measured - selected) / 1000,
      importance: (explained - measured) / 1000,
      final: (done - explained) / 1000,
      total: (done - started) / 1000,
    },
  };
}
