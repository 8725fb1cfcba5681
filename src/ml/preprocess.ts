import { assertNever } from "../lib/assert-never";
import type { FeatureRow, FeatureSpec, FeatureValue, PreprocessOptions, Table } from "./types";

/**
 * Rows of named, mixed-type feature values → a numeric matrix, with every statistic learnt from the
 * training rows only (so cross-validation fits one per training fold):
 * - numeric: missing / NaN → the training median (+ a `name=(missing)` 0/1 column when asked and when
 *   training had missing values); a value outside the training range is clamped to it; optionally z-scaled
 *   with the training mean and standard deviation (a constant column scales to 0);
 * - boolean: 0/1, missing → the training majority;
 * - categorical: one 0/1 column per kept level (the `maxCategories` most frequent in training) plus
 *   `name=(other)`, which also takes unseen levels and missing values. Nothing is dropped: the linear
 *   models are ridge-regularised, so the full one-hot set is not a collinearity problem.
 */

export const defaultPreprocessOptions: PreprocessOptions = {
  scale: false,
  maxCategories: 20,
  targetTransform: "none",
  missingIndicators: true,
};

/** The name of the catch-all column of a categorical feature, and of a numeric feature's missing flag. */
export const OTHER_LEVEL = "(other)";
export const MISSING_LEVEL = "(missing)";

/** How one input feature becomes output columns; a discriminated union on `kind`. */
export type ColumnPlan =
  /** `min`/`max`: the training range, where a value beyond it is clamped (absent in models stored before). */
  | { kind: "numeric"; name: string; median: number; mean: number; std: number; indicator: boolean; min?: number; max?: number }
  | { kind: "boolean"; name: string; majority: 0 | 1 }
  | { kind: "categorical"; name: string; levels: string[]; top: string | null };

export interface PreprocessorJSON {
  name: "preprocessor";
  version: 1;
  options: PreprocessOptions;
  plans: ColumnPlan[];
  /** Mean and (population) standard deviation of every output column over the training rows. */
  outputMeans: number[];
  outputStds: number[];
}

export function isMissing(v: FeatureValue): boolean {
  return v === null || v === undefined || (typeof v === "number" && Number.isNaN(v)) || v === "";
}

function describe(v: unknown): string {
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}

/** A numeric feature value as a number (NaN when missing); numeric strings and booleans are accepted. */
export function numericValue(v: FeatureValue, feature: string, row: number): number {
  if (v === null || v === undefined || isMissing(v)) return Number.NaN;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  const x = Number(v);
  if (Number.isFinite(x) && v.trim() !== "") return x;
  throw new Error(`feature "${feature}" (numeric): expected a number, found ${describe(v)} in row ${row}`);
}

/** A boolean feature value as 0/1 (NaN when missing): true/false, 1/0 and their strings. */
export function booleanValue(v: FeatureValue, feature: string, row: number): number {
  if (isMissing(v)) return Number.NaN;
  if (v === true || v === 1 || v === "true" || v === "1") return 1;
  if (v === false || v === 0 || v === "false" || v === "0") return 0;
  throw new Error(`feature "${feature}" (boolean): expected true/false or 1/0, found ${describe(v)} in row ${row}`);
}

/** A categorical feature value as its level (null when missing); numbers and booleans become strings. */
export function levelOf(v: FeatureValue): string | null {
  return isMissing(v) ? null : String(v);
}

/** A number as a numeric plan reads it: clamped to the training range (unchanged for models stored before ranges). */
function withinRange(plan: { min?: number; max?: number }, v: number): number {
  return plan.min !== undefined && plan.max !== undefined ? Math.min(plan.max, Math.max(plan.min, v)) : v;
}

/** Median of the finite values (NaN when there are none). */
export function median(values: readonly number[]): number {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return Number.NaN;
  const mid = xs.length >> 1;
  return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

/** Levels by count, most frequent first, ties by name (so the order is deterministic). */
export function levelCounts(levels: ReadonlyArray<string | null>): Array<{ level: string; count: number }> {
  const counts = new Map<string, number>();
  for (const l of levels) if (l !== null) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].map(([level, count]) => ({ level, count })).sort((a, b) => b.count - a.count || (a.level < b.level ? -1 : a.level > b.level ? 1 : 0));
}

function checkOptions(o: PreprocessOptions): void {
  if (!Number.isInteger(o.maxCategories) || o.maxCategories < 1) throw new Error(`preprocess: expected maxCategories to be a whole number ≥ 1, found ${o.maxCategories}`);
  if (o.targetTransform !== "none" && o.targetTransform !== "log1p") throw new Error(`preprocess: expected targetTransform "none" or "log1p", found ${describe(o.targetTransform)}`);
  if (typeof o.scale !== "boolean") throw new Error(`preprocess: expected scale to be true or false, found ${describe(o.scale)}`);
  if (typeof o.missingIndicators !== "boolean") throw new Error(`preprocess: expected missingIndicators to be true or false, found ${describe(o.missingIndicators)}`);
}

function checkFeatures(features: readonly FeatureSpec[]): void {
  const seen = new Set<string>();
  for (const f of features) {
    if (f.kind !== "numeric" && f.kind !== "boolean" && f.kind !== "categorical") throw new Error(`feature "${f.name}": expected kind numeric, boolean or categorical, found ${describe(f.kind)}`);
    if (seen.has(f.name)) throw new Error(`expected distinct feature names, found "${f.name}" twice`);
    seen.add(f.name);
  }
}

function planColumn(spec: FeatureSpec, rows: readonly FeatureRow[], options: PreprocessOptions): ColumnPlan {
  const { name } = spec;
  switch (spec.kind) {
    case "numeric": {
      const values = rows.map((r, i) => numericValue(r[name], name, i));
      const missing = values.some((v) => !Number.isFinite(v));
      const med = median(values);
      const fill = Number.isFinite(med) ? med : 0;
      const imputed = values.map((v) => (Number.isFinite(v) ? v : fill));
      const mean = imputed.reduce((s, v) => s + v, 0) / Math.max(1, imputed.length);
      const variance = imputed.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, imputed.length);
      let min = Infinity;
      let max = -Infinity;
      for (const v of imputed) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
      return { kind: "numeric", name, median: fill, mean, std: Math.sqrt(variance), indicator: options.missingIndicators && missing, ...(imputed.length ? { min, max } : {}) };
    }
    case "boolean": {
      let ones = 0;
      let seen = 0;
      rows.forEach((r, i) => {
        const v = booleanValue(r[name], name, i);
        if (!Number.isNaN(v)) {
          seen++;
          ones += v;
        }
      });
      return { kind: "boolean", name, majority: ones * 2 > seen ? 1 : 0 };
    }
    case "categorical": {
      const counts = levelCounts(rows.map((r) => levelOf(r[name])));
      return { kind: "categorical", name, levels: counts.slice(0, options.maxCategories).map((c) => c.level), top: counts[0]?.level ?? null };
    }
    default:
      return assertNever(spec.kind, "feature kind");
  }
}

function columnNames(plan: ColumnPlan): string[] {
  switch (plan.kind) {
    case "numeric":
      return plan.indicator ? [plan.name, `${plan.name}=${MISSING_LEVEL}`] : [plan.name];
    case "boolean":
      return [plan.name];
    case "categorical":
      return [...plan.levels.map((l) => `${plan.name}=${l}`), `${plan.name}=${OTHER_LEVEL}`];
    default:
      return assertNever(plan, "column plan");
  }
}

export class Preprocessor {
  readonly featureNames: string[];
  /** Output column → index of its plan (original feature). */
  private readonly source: number[];
  private readonly levelIndex: Array<Map<string, number> | null>;

  private constructor(private readonly state: PreprocessorJSON) {
    this.featureNames = [];
    this.source = [];
    state.plans.forEach((plan, p) => {
      for (const name of columnNames(plan)) {
        this.featureNames.push(name);
        this.source.push(p);
      }
    });
    this.levelIndex = state.plans.map((plan) => (plan.kind === "categorical" ? new Map(plan.levels.map((l, i) => [l, i])) : null));
  }

  /** Learns every statistic from `table.rows` (the training rows). */
  static fit(table: Table, options: Partial<PreprocessOptions> = {}): Preprocessor {
    const opts: PreprocessOptions = { ...defaultPreprocessOptions, ...options };
    checkOptions(opts);
    checkFeatures(table.features);
    if (table.rows.length === 0) throw new Error("preprocess: expected at least one training row, found none");
    const plans = table.features.map((f) => planColumn(f, table.rows, opts));
    const draft = new Preprocessor({ name: "preprocessor", version: 1, options: opts, plans, outputMeans: [], outputStds: [] });
    const X = draft.transform(table.rows);
    const k = draft.featureNames.length;
    const means = new Array<number>(k).fill(0);
    const stds = new Array<number>(k).fill(0);
    for (const row of X) for (let j = 0; j < k; j++) means[j] += row[j];
    for (let j = 0; j < k; j++) means[j] /= X.length;
    for (const row of X) for (let j = 0; j < k; j++) stds[j] += (row[j] - means[j]) ** 2;
    for (let j = 0; j < k; j++) stds[j] = Math.sqrt(stds[j] / X.length);
    return new Preprocessor({ ...draft.state, outputMeans: means, outputStds: stds });
  }

  static fromJSON(json: unknown): Preprocessor {
    const j = json as Partial<PreprocessorJSON> | null;
    if (!j || j.name !== "preprocessor") throw new Error(`Invalid model: expected a "preprocessor", found ${JSON.stringify(j?.name ?? null)}`);
    if (j.version !== 1 || !Array.isArray(j.plans) || !j.options) throw new Error(`Invalid model: unsupported preprocessor version ${String(j.version)}`);
    return new Preprocessor(j as PreprocessorJSON);
  }

  toJSON(): PreprocessorJSON {
    return this.state;
  }

  get options(): PreprocessOptions {
    return this.state.options;
  }

  get plans(): readonly ColumnPlan[] {
    return this.state.plans;
  }

  /** Training mean of every output column (the "average row" in the transformed space). */
  get outputMeans(): readonly number[] {
    return this.state.outputMeans;
  }

  /** Training standard deviation of every output column. */
  get outputStds(): readonly number[] {
    return this.state.outputStds;
  }

  /** The original feature an output column comes from (by index or by output column name). */
  sourceOf(column: number | string): string {
    const index = typeof column === "number" ? column : this.featureNames.indexOf(column);
    if (!(index >= 0 && index < this.source.length)) throw new Error(`expected an output column (0–${this.source.length - 1} or a name from featureNames), found ${describe(column)}`);
    return this.state.plans[this.source[index]].name;
  }

  /** Index of the original feature (plan) of every output column. */
  get sources(): readonly number[] {
    return this.source;
  }

  transform(rows: readonly FeatureRow[]): number[][] {
    const { plans, options } = this.state;
    const width = this.featureNames.length;
    return rows.map((row, i) => {
      const out = new Array<number>(width).fill(0);
      let c = 0;
      plans.forEach((plan, p) => {
        const raw = row[plan.name];
        switch (plan.kind) {
          case "numeric": {
            const v = numericValue(raw, plan.name, i);
            const missing = !Number.isFinite(v);
            // A value beyond what training saw is read as the nearest one it saw: a linear or logistic model would
            // otherwise extrapolate its slope without bound (a 9,859-character draft was "99.999% viral").
            const x = missing ? plan.median : withinRange(plan, v);
            out[c++] = options.scale ? (plan.std > 0 ? (x - plan.mean) / plan.std : 0) : x;
            if (plan.indicator) out[c++] = missing ? 1 : 0;
            break;
          }
          case "boolean": {
            const v = booleanValue(raw, plan.name, i);
            out[c++] = Number.isNaN(v) ? plan.majority : v;
            break;
          }
          case "categorical": {
            const level = levelOf(raw);
            const at = level === null ? undefined : this.levelIndex[p]!.get(level);
            out[c + (at ?? plan.levels.length)] = 1;
            c += plan.levels.length + 1;
            break;
          }
          default:
            assertNever(plan, "column plan");
        }
      });
      return out;
    });
  }

  /**
   * How the model reads one feature's value when that differs from the value itself: a number beyond the training
   * range as the range's edge, a category level training never saw (or kept) as `(other)`; undefined otherwise
   * (missing values are reported as missing by the callers).
   */
  readAs(name: string, value: FeatureValue): FeatureValue | undefined {
    const p = this.state.plans.findIndex((plan) => plan.name === name);
    const plan = this.state.plans[p];
    if (!plan) return undefined;
    if (plan.kind === "numeric") {
      const v = numericValue(value, name, 0); // transform has read it already: it is a number or missing
      if (!Number.isFinite(v)) return undefined;
      const x = withinRange(plan, v);
      return x === v ? undefined : x;
    }
    if (plan.kind === "categorical") {
      const level = levelOf(value);
      return level !== null && !this.levelIndex[p]!.has(level) ? OTHER_LEVEL : undefined;
    }
    return undefined;
  }

  /**
   * A typical training row: the median of numeric features, the majority of booleans, the most
   * frequent level of categoricals (used as the reference of replacement explanations).
   */
  referenceRow(): FeatureRow {
    const row: FeatureRow = {};
    for (const plan of this.state.plans) {
      row[plan.name] = plan.kind === "numeric" ? plan.median : plan.kind === "boolean" ? plan.majority === 1 : plan.top;
    }
    return row;
  }
}

// ------------------------------------------------------------ target transforms

export type TargetTransform = PreprocessOptions["targetTransform"];

/** The regression target as the model learns it. log1p needs values > −1. */
export function forwardTarget(y: readonly number[], transform: TargetTransform): number[] {
  switch (transform) {
    case "none":
      return y.slice();
    case "log1p":
      return y.map((v, i) => {
        if (!(v > -1)) throw new Error(`log1p target: expected values > −1, found ${v} in row ${i}`);
        return Math.log1p(v);
      });
    default:
      return assertNever(transform, "target transform");
  }
}

/** Model output → target units (the inverse of `forwardTarget`). */
export function inverseTarget(values: readonly number[], transform: TargetTransform): number[] {
  switch (transform) {
    case "none":
      return values.slice();
    case "log1p":
      return values.map((v) => Math.expm1(v));
    default:
      return assertNever(transform, "target transform");
  }
}
