import { Pipeline } from "./model";
import { createRng, shuffled } from "./random";
import { evaluate, labelledTable, lowerIsBetter, taskMetrics } from "./selection";
import type { FeatureImportance, FittedModel, MetricName, Table } from "./types";

/**
 * Global explanations: permutation importance (any model, on held-out rows) and standardised
 * coefficients (linear and logistic models).
 */

export const defaultImportanceOptions = {
  repeats: 5,
  seed: 42,
  /** Rows scored per permutation (a seeded sample of the table when it is larger). */
  maxRows: 5000,
};

export type ImportanceOptions = Partial<typeof defaultImportanceOptions>;

function metricOf(model: FittedModel, table: Table, metric: MetricName): number {
  const value = evaluate(model, table)[metric];
  if (value === undefined) throw new Error(`permutationImportance: expected a ${model.task} metric (${taskMetrics[model.task].join(", ")}), found ${JSON.stringify(metric)}`);
  return value;
}

/**
 * For each ORIGINAL feature: shuffle its column across the rows (seeded), re-score, and take the loss
 * of the metric (drop for higher-is-better metrics, rise for lower-is-better ones); the mean and
 * sample standard deviation over `repeats` shuffles. Largest importance first.
 */
export function permutationImportance(model: FittedModel, table: Table, metric: MetricName, options: ImportanceOptions = {}): FeatureImportance[] {
  const { repeats, seed, maxRows } = { ...defaultImportanceOptions, ...options };
  if (!Number.isInteger(repeats) || repeats < 1) throw new Error(`permutationImportance: expected repeats to be a whole number ≥ 1, found ${repeats}`);
  if (!taskMetrics[model.task].includes(metric)) throw new Error(`permutationImportance: expected a ${model.task} metric (${taskMetrics[model.task].join(", ")}), found ${JSON.stringify(metric)}`);
  let data = labelledTable(table, model.task);
  if (data.rows.length === 0) throw new Error("permutationImportance: expected at least one row with a target, found none");
  if (data.rows.length > maxRows) {
    const idx = shuffled(
      data.rows.map((_, i) => i),
      createRng(`${seed}:rows`),
    ).slice(0, maxRows);
    data = { features: data.features, rows: idx.map((i) => data.rows[i]), target: data.target ? idx.map((i) => data.target![i]) : undefined };
  }
  const reference = metricOf(model, data, metric);
  const sign = lowerIsBetter.has(metric) ? -1 : 1;
  const out: FeatureImportance[] = data.features.map((feature) => {
    const losses: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const order = shuffled(
        data.rows.map((_, i) => i),
        createRng(`${seed}:${feature.name}:${r}`),
      );
      const rows = data.rows.map((row, i) => ({ ...row, [feature.name]: data.rows[order[i]][feature.name] }));
      const score = metricOf(model, { ...data, rows }, metric);
      losses.push(sign * (reference - score));
    }
    const mean = losses.reduce((s, v) => s + v, 0) / repeats;
    const std = repeats > 1 ? Math.sqrt(losses.reduce((s, v) => s + (v - mean) ** 2, 0) / (repeats - 1)) : 0;
    return { feature: feature.name, importance: mean, std };
  });
  return out.sort((a, b) => b.importance - a.importance);
}

/**
 * Linear and logistic models: each input column's weight times the column's training standard
 * deviation (the change of the prediction, or of the log-odds, per standard deviation), per output
 * column such as `mediaType=VIDEO`; `importance` is its absolute value. Largest first. For a log1p
 * target the units are log1p(target).
 */
export function standardisedCoefficients(model: FittedModel): FeatureImportance[] {
  if (!(model instanceof Pipeline)) throw new Error("standardisedCoefficients: expected a model from fitModel or loadModel");
  const { estimator, preprocessor } = model;
  if (!estimator.coefficients) throw new Error(`standardisedCoefficients: expected a linearRegression or logisticRegression model, found ${model.algorithm}`);
  const { weights } = estimator.coefficients();
  const sds = preprocessor.outputStds;
  return preprocessor.featureNames
    .map((feature, j) => {
      const coefficient = weights[j] * sds[j];
      return { feature, importance: Math.abs(coefficient), std: 0, coefficient };
    })
    .sort((a, b) => b.importance - a.importance);
}
