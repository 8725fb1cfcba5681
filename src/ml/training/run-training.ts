import { createHash } from "node:crypto";
import { packArtifact, unpackArtifact } from "../artifact";
import { kFold, stratifiedKFold } from "../cross-validation";
import { permutationImportance } from "../explain";
import { fitModel, loadModel } from "../model";
import { evaluate, selectModel } from "../selection";
import type { FeatureImportance, FeatureRow, FittedModel, FittedModelJSON, Metrics, ProgressCallback, SelectionResult, SelectionSpec, Table } from "../types";

/**
 * The version serving when a training starts, to be scored on that training's holdout: its packed
 * model; its feature rows of the same entities when the table lacks some of its features (row i of
 * `rows` is the entity of the table's row i); and `unseen`, the table rows whose entity is newer than
 * that version (it cannot have been trained on them). Or why it cannot be scored.
 */
export type Incumbent =
  | { versionId: number; version: number; artifact: string; unseen: number[]; rows?: FeatureRow[] }
  | { versionId: number; version: number; unscorable: string };

/**
 * The incumbent and the new version (fitted on the training part, as for the holdout metrics) scored
 * on the same held-out rows with the same target — those the incumbent was not trained on — or why
 * there are no such scores.
 */
export type IncumbentScore =
  | { versionId: number; version: number; rows: number; heldOut: number; metrics: Metrics; model: Metrics }
  | { versionId: number; version: number; unscorable: string };

/** The fewest held-out rows (and, for yes/no targets, of each class) a comparison with the active version is made on. */
export const minComparisonRows = 30;
export const minComparisonClassRows = 5;

/** One training run, as plain data (it crosses into a worker thread). */
export interface TrainJob {
  table: Table;
  selection: SelectionSpec;
  /** Fraction of rows held out (stratified for binary tasks) for the final, honest metrics. */
  holdout: number;
  seed: number;
  importanceRepeats: number;
  /** The active version, scored on the holdout beside the new one (absent: none was active). */
  incumbent?: Incumbent;
  /** The entity of each table row (its id), for the held-out rows' fingerprint; row positions when absent. */
  rowKeys?: ReadonlyArray<number | string>;
}

export interface TrainOutcome {
  selection: SelectionResult;
  /**
   * `active`: the version that was active when the training started, scored on the same held-out rows
   * (null: none was active; absent: this kind of training does not score it).
   */
  /**
   * `fingerprint`: a hash of the held-out rows' entities and targets. Two trainings with the same fingerprint
   * were measured on the same rows, so their recorded holdout scores compare like with like.
   */
  holdout: { rows: number; model: Metrics; baseline: Metrics; active?: IncumbentScore | null; fingerprint?: string };
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
 * Scores the incumbent and the new version's holdout model on the held-out rows `test` (indices into
 * the job's table) that the incumbent cannot have been trained on; or says why it cannot be done.
 */
export function scoreIncumbent(incumbent: Incumbent, table: Table, test: readonly number[], task: SelectionSpec["task"], candidate: FittedModel): IncumbentScore {
  const { versionId, version } = incumbent;
  if ("unscorable" in incumbent) return { versionId, version, unscorable: incumbent.unscorable };
  try {
    const model = loadModel(unpackArtifact<FittedModelJSON>(incumbent.artifact));
    if (model.task !== task) return { versionId, version, unscorable: `it is a ${model.task} model and this one is ${task}` };
    const source = incumbent.rows ?? table.rows;
    if (source.length !== table.rows.length) return { versionId, version, unscorable: `its rows (${source.length}) do not match the table's (${table.rows.length})` };
    const missing = model.features.filter((f) => !test.some((i) => f.name in source[i]));
    if (test.length > 0 && missing.length > 0) return { versionId, version, unscorable: `its features ${missing.map((f) => `"${f.name}"`).join(", ")} are not in the rows` };
    // A version was refitted on every row of its own table: on those entities its score would be a
    // training score. Only the held-out rows of newer entities are fair to both.
    const unseen = new Set(incumbent.unseen);
    const fair = test.filter((i) => unseen.has(i) && (!table.target || Number.isFinite(table.target[i])));
    const target = table.target ? fair.map((i) => table.target![i]) : undefined;
    const positives = target ? target.filter((y) => y === 1).length : 0;
    const tooFew =
      fair.length < minComparisonRows
        ? `only ${fair.length} of the ${test.length} held-out rows are of entities newer than it, at least ${minComparisonRows} needed (it was trained on the others)`
        : task === "binary" && Math.min(positives, fair.length - positives) < minComparisonClassRows
          ? `the ${fair.length} held-out rows of entities newer than it have ${positives} positive and ${fair.length - positives} negative, at least ${minComparisonClassRows} of each needed (it was trained on the others)`
          : undefined;
    if (tooFew) return { versionId, version, unscorable: tooFew };
    const mine: Table = { features: model.features, rows: fair.map((i) => source[i]), target };
    const theirs: Table = { features: table.features, rows: fair.map((i) => table.rows[i]), target };
    return { versionId, version, rows: fair.length, heldOut: test.length, metrics: evaluate(model, mine), model: evaluate(candidate, theirs) };
  } catch (err) {
    return { versionId, version, unscorable: `scoring it failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** A holdout's fingerprint: the sha1 of what identifies its rows (entities, targets, split); equal fingerprints, same rows. */
export function holdoutFingerprint(rows: unknown): string {
  return createHash("sha1").update(JSON.stringify(rows)).digest("hex");
}

/**
 * Select on the training part by cross-validation, measure the winner, the baseline and the active
 * version (if any) on the held-out part, explain with permutation importance there, then refit the winner on every row.
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
  // The active version is scored beside the new one on the same held-out rows and target, so promotion compares like with like.
  const active = job.incumbent ? scoreIncumbent(job.incumbent, job.table, split.test, selection.task, best) : null;
  const fingerprint = holdoutFingerprint([selection.task, split.test.map((i) => job.rowKeys?.[i] ?? i), job.table.target ? split.test.map((i) => job.table.target![i]) : null]);
  const holdout = { rows: test.rows.length, model: evaluate(best, test), baseline: evaluate(baseline, test), active, fingerprint };
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
