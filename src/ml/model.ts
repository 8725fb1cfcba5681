import { assertNever } from "../lib/assert-never";
import { createEstimator, estimatorFromJSON, type Attribution, type Estimator } from "./estimator";
import { defaultPreprocessOptions, forwardTarget, inverseTarget, Preprocessor } from "./preprocess";
import { createRng, shuffled } from "./random";
import type { AlgorithmName, Candidate, Contribution, Explanation, FeatureRow, FeatureSpec, FittedModel, FittedModelJSON, PreprocessOptions, Table, Task } from "./types";

/**
 * A fitted pipeline: preprocessing (fitted on the training rows) + estimator + target transform, as
 * one object that predicts and explains rows of named features and saves as tagged JSON.
 */

export const defaultModelOptions = {
  /** Algorithms whose inputs are z-scaled unless the caller says otherwise (distances and penalties need it). */
  scaledAlgorithms: ["linearRegression", "logisticRegression", "kmeans"] as readonly AlgorithmName[],
  /** Training rows sampled (seeded) to weigh the features for spreading the explanation gap. */
  gapSampleRows: 200,
  gapSeed: 42,
};

/** The preprocessing a candidate gets: scaling by algorithm unless set; a target transform only for regression. */
export function preprocessOptionsFor(algorithm: AlgorithmName, task: Task, preprocess: Partial<PreprocessOptions> = {}): PreprocessOptions {
  const given = Object.fromEntries(Object.entries(preprocess).filter(([, v]) => v !== undefined)) as Partial<PreprocessOptions>;
  const options: PreprocessOptions = { ...defaultPreprocessOptions, scale: defaultModelOptions.scaledAlgorithms.includes(algorithm), ...given };
  if (options.targetTransform !== "none" && task !== "regression") throw new Error(`preprocess: targetTransform "${options.targetTransform}" applies to regression, found a ${task} task`);
  // The baseline is the plain training mean: a transform would turn it into a different (geometric-like) mean.
  if (algorithm === "baseline") options.targetTransform = "none";
  return options;
}

/** The rows a supervised model can learn from: a finite target (rows without one are dropped), 0/1 for binary. */
export function labelledRows(table: Table, task: Task): { rows: FeatureRow[]; y: number[]; dropped: number } {
  if (task === "clustering") return { rows: table.rows, y: [], dropped: 0 };
  const { target } = table;
  if (!target) throw new Error(`expected a target for a ${task} task, found none`);
  if (target.length !== table.rows.length) throw new Error(`expected one target value per row, found ${table.rows.length} rows and ${target.length} targets`);
  const rows: FeatureRow[] = [];
  const y: number[] = [];
  target.forEach((v, i) => {
    if (!Number.isFinite(v)) return;
    if (task === "binary" && v !== 0 && v !== 1) throw new Error(`binary target: expected 0 or 1, found ${v} in row ${i}`);
    rows.push(table.rows[i]);
    y.push(v);
  });
  return { rows, y, dropped: table.rows.length - rows.length };
}

function mean(xs: readonly number[]): number {
  return xs.reduce((s, v) => s + v, 0) / xs.length;
}

/**
 * Spreads an attribution over features so it sums to `prediction − base` in output units:
 * 1. native contributions (log-odds, log1p units, …) are mapped to output units by the secant slope
 *    (P − R) / (η − r) of the output function between the model's reference and the prediction (its
 *    derivative when the two coincide): signs are kept and they sum to P − R;
 * 2. the gap R − base (the model's prediction for the average row vs. the average outcome: the
 *    Jensen gap of a non-linear link, or a forest's bootstrap root means) is shared in proportion to
 *    `gapWeights` (each feature's typical |attribution|), or to this row's |contributions| without
 *    them, or equally when both are zero.
 */
export function allocateContributions(
  native: readonly number[],
  output: { prediction: number; reference: number; base: number; slope: number },
  gapWeights?: readonly number[],
): number[] {
  const S = native.reduce((s, v) => s + v, 0);
  const scale = native.reduce((s, v) => s + Math.abs(v), 0);
  const { prediction: P, reference: R, base, slope } = output;
  const k = Math.abs(S) > 1e-9 * Math.max(1, scale) ? (P - R) / S : slope;
  const c = native.map((v) => v * k);
  if (c.length === 0) return c;
  const gap = P - base - c.reduce((s, v) => s + v, 0);
  if (gap === 0) return c;
  const pick = (w: readonly number[] | undefined) => {
    if (!w || w.length !== c.length) return null;
    const total = w.reduce((s, v) => s + Math.abs(v), 0);
    return total > 0 && Number.isFinite(total) ? w.map((v) => Math.abs(v) / total) : null;
  };
  const shares = pick(gapWeights) ?? pick(c) ?? c.map(() => 1 / c.length);
  return c.map((v, i) => v + gap * shares[i]);
}

export class Pipeline implements FittedModel {
  constructor(
    readonly task: Task,
    readonly algorithm: AlgorithmName,
    readonly params: Record<string, unknown>,
    readonly features: FeatureSpec[],
    readonly preprocessor: Preprocessor,
    readonly estimator: Estimator,
    /** Regression: training mean of the target; binary: prevalence; clustering: NaN. */
    readonly base: number,
    private gapWeights?: number[],
  ) {}

  /** The rows as the estimator sees them. */
  transform(rows: readonly FeatureRow[]): number[][] {
    return this.preprocessor.transform(rows);
  }

  predict(rows: FeatureRow[]): number[] {
    if (rows.length === 0) return [];
    const raw = this.estimator.predict(this.transform(rows));
    return this.task === "regression" ? inverseTarget(raw, this.preprocessor.options.targetTransform) : raw;
  }

  /** Estimator native scale → output units (sigmoid for logit, then the inverse target transform). */
  private output(native: number, link: Attribution["link"]): number {
    const v = link === "logit" ? 1 / (1 + Math.exp(-native)) : native;
    return this.task === "regression" ? inverseTarget([v], this.preprocessor.options.targetTransform)[0] : v;
  }

  /** Per original feature: the sum of the attribution of its output columns. */
  private byFeature(values: readonly number[]): number[] {
    const out = new Array<number>(this.features.length).fill(0);
    const sources = this.preprocessor.sources;
    values.forEach((v, c) => (out[sources[c]] += v));
    return out;
  }

  /**
   * Replacement path for estimators without an attribution of their own (mlRandomForest): switch the
   * features one at a time from the typical training row (medians, majorities, most frequent levels)
   * to this row's values, crediting each change of the prediction to the feature switched, in the
   * features' order and in reverse, averaged. Exact sum: f(row) − f(typical row), in output units.
   */
  private replacementPath(row: FeatureRow): { values: number[]; prediction: number; reference: number } {
    const reference = this.preprocessor.referenceRow();
    const names = this.features.map((f) => f.name);
    const m = names.length;
    const forward: FeatureRow[] = [{ ...reference }];
    for (let i = 0; i < m; i++) forward.push({ ...forward[i], [names[i]]: row[names[i]] });
    const backward: FeatureRow[] = [{ ...reference }];
    for (let i = 0; i < m; i++) backward.push({ ...backward[i], [names[m - 1 - i]]: row[names[m - 1 - i]] });
    const p = this.predict([...forward, ...backward.slice(1)]);
    const pb = [p[0], ...p.slice(m + 1)];
    const values = names.map((_, i) => ((p[i + 1] - p[i]) + (pb[m - i] - pb[m - 1 - i])) / 2);
    return { values, prediction: p[m], reference: p[0] };
  }

  explain(row: FeatureRow): Explanation {
    if (this.task === "clustering") throw new Error(`explain: expected a regression or binary model, found a clustering model (${this.algorithm})`);
    const x = this.transform([row])[0];
    const [prediction] = this.predict([row]);
    let native: number[];
    let P: number;
    let R: number;
    let slope: number;
    if (this.estimator.attribute) {
      const a = this.estimator.attribute(x);
      native = this.byFeature(a.values);
      P = prediction; // = output(a.prediction) up to rounding; using predict's value makes the sum exact
      R = this.output(a.reference, a.link);
      const h = 1e-6 * (1 + Math.abs(a.prediction));
      slope = (this.output(a.prediction + h, a.link) - this.output(a.prediction - h, a.link)) / (2 * h);
    } else {
      const path = this.replacementPath(row);
      native = path.values;
      P = path.prediction;
      R = path.reference;
      slope = 1;
    }
    const values = allocateContributions(native, { prediction: P, reference: R, base: this.base, slope }, this.estimator.attribute ? this.gapWeights : undefined);
    const contributions: Contribution[] = this.features.map((f, i) => {
      const value = row[f.name] ?? null;
      const readAs = this.preprocessor.readAs(f.name, value);
      return readAs === undefined ? { feature: f.name, value, contribution: values[i] } : { feature: f.name, value, contribution: values[i], readAs };
    });
    contributions.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
    return { base: this.base, prediction, contributions };
  }

  toJSON(): FittedModelJSON {
    return {
      name: "resonanceModel",
      version: 1,
      task: this.task,
      algorithm: this.algorithm,
      params: this.params,
      features: this.features,
      preprocessor: this.preprocessor.toJSON(),
      estimator: this.estimator.toJSON(),
      base: this.base,
      gapWeights: this.gapWeights,
    };
  }
}

/** Mean |native attribution| per feature over a seeded sample of training rows (empty when the estimator cannot attribute). */
function gapWeightsOf(pre: Preprocessor, estimator: Estimator, X: readonly number[][], features: number): number[] | undefined {
  if (!estimator.attribute || X.length === 0) return undefined;
  const { gapSampleRows, gapSeed } = defaultModelOptions;
  const sample = shuffled(
    X.map((_, i) => i),
    createRng(gapSeed),
  ).slice(0, gapSampleRows);
  const sums = new Array<number>(features).fill(0);
  for (const i of sample) {
    const byFeature = new Array<number>(features).fill(0);
    estimator.attribute(X[i]).values.forEach((v, c) => (byFeature[pre.sources[c]] += v));
    byFeature.forEach((v, f) => (sums[f] += Math.abs(v)));
  }
  return sums.map((s) => s / sample.length);
}

/**
 * Fits preprocessing and estimator on the table's rows (rows without a finite target are dropped).
 * Scaling is on by default for linear, logistic and k-means models and off for forests; a log1p
 * target transform only when asked (regression only).
 */
export function fitModel(table: Table, task: Task, candidate: Candidate, preprocess?: Partial<PreprocessOptions>): Pipeline {
  const options = preprocessOptionsFor(candidate.algorithm, task, preprocess);
  const estimator = createEstimator(task, candidate);
  const { rows, y } = labelledRows(table, task);
  if (rows.length === 0) throw new Error(`expected at least one training row${task === "clustering" ? "" : " with a target"}, found none`);
  const pre = Preprocessor.fit({ features: table.features, rows }, options);
  const X = pre.transform(rows);
  switch (task) {
    case "regression":
      estimator.fit(X, forwardTarget(y, options.targetTransform));
      break;
    case "binary":
    case "clustering":
      estimator.fit(X, y);
      break;
    default:
      assertNever(task, "task");
  }
  const base = task === "clustering" ? Number.NaN : mean(y);
  const weights = task === "clustering" ? undefined : gapWeightsOf(pre, estimator, X, table.features.length);
  return new Pipeline(task, candidate.algorithm, candidate.params, table.features, pre, estimator, base, weights);
}

/** Loads a model saved by `toJSON`; refuses a foreign tag or an inconsistent artifact. */
export function loadModel(json: unknown): Pipeline {
  const j = json as Partial<FittedModelJSON> | null;
  if (!j || j.name !== "resonanceModel") throw new Error(`Invalid model: expected a "resonanceModel", found ${JSON.stringify(j?.name ?? null)}`);
  if (j.version !== 1) throw new Error(`Invalid model: unsupported resonanceModel version ${String(j.version)}`);
  if (!Array.isArray(j.features) || !j.task || !j.algorithm) throw new Error("Invalid model: expected task, algorithm and features");
  const pre = Preprocessor.fromJSON(j.preprocessor);
  const estimator = estimatorFromJSON(j.estimator);
  if (estimator.algorithm !== j.algorithm || estimator.task !== j.task) {
    throw new Error(`Invalid model: the artifact says ${j.algorithm} for ${j.task}, its estimator is ${estimator.algorithm} for ${estimator.task}`);
  }
  const names = pre.plans.map((p) => p.name).join(",");
  if (names !== j.features.map((f) => f.name).join(",")) throw new Error(`Invalid model: the preprocessor's features (${names}) differ from the model's`);
  return new Pipeline(j.task, j.algorithm, j.params ?? {}, j.features, pre, estimator, typeof j.base === "number" ? j.base : Number.NaN, j.gapWeights);
}
