import { assertNever } from "../lib/assert-never";
import { booleanValue, defaultPreprocessOptions, isMissing, levelCounts, levelOf, median, MISSING_LEVEL, numericValue, OTHER_LEVEL } from "./preprocess";
import type { FeatureSpec, PreprocessOptions, QualityReport, Table, Task } from "./types";

/**
 * What a table looks like before training: per-column missing / distinct / constant / outliers /
 * quartiles / top levels, duplicate rows, target statistics, the cleaning the preprocessor will do in
 * words, errors that make training pointless and warnings worth reading.
 */

export const defaultQualityOptions = {
  /** Cross-validation folds the table must support (2 × folds rows, folds rows of each class). */
  folds: 5,
  /** Levels listed per categorical column. */
  topLevels: 5,
  /** Minority class share below which the imbalance is called strong. */
  imbalanceShare: 0.1,
  /** Missing share above which a column is flagged. */
  missingShare: 0.5,
  /** Duplicate row share above which it is flagged. */
  duplicateShare: 0.05,
  /** Target skewness above which log1p is suggested (regression, non-negative targets). */
  skewness: 2,
};

export type QualityOptions = typeof defaultQualityOptions & { preprocess: Partial<PreprocessOptions> };

type Column = QualityReport["columns"][number];

function pct(part: number, whole: number): string {
  return `${((100 * part) / Math.max(1, whole)).toFixed(1)}%`;
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : Number(x.toPrecision(4)).toString();
}

/** Quartiles by linear interpolation between order statistics (position p·(n − 1), as R's type 7). */
export function quartiles(values: readonly number[]): [number, number, number] {
  const xs = values.slice().sort((a, b) => a - b);
  const q = (p: number) => {
    const pos = p * (xs.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo);
  };
  return [q(0.25), q(0.5), q(0.75)];
}

interface ColumnFacts {
  column: Column;
  /** Values that training would refuse, with the first example. */
  invalid: { count: number; example: string; row: number } | null;
  cleaning: string[];
}

function profile(spec: FeatureSpec, table: Table, options: PreprocessOptions, topLevels: number): ColumnFacts {
  const { name, kind } = spec;
  const n = table.rows.length;
  let invalid: ColumnFacts["invalid"] = null;
  const cleaning: string[] = [];
  const note = (row: number, v: unknown) => {
    if (invalid) invalid.count++;
    else invalid = { count: 1, example: typeof v === "string" ? JSON.stringify(v) : String(v), row };
  };
  const raw = table.rows.map((r) => r[name]);
  const missing = raw.filter(isMissing).length;
  switch (kind) {
    case "numeric": {
      const values: number[] = [];
      raw.forEach((v, i) => {
        try {
          const x = numericValue(v, name, i);
          if (Number.isFinite(x)) values.push(x);
        } catch {
          note(i, v);
        }
      });
      const distinct = new Set(values).size;
      const column: Column = { name, kind, missing, distinct, constant: distinct + (missing > 0 ? 1 : 0) <= 1 };
      if (values.length > 0) {
        const qs = quartiles(values);
        const iqr = qs[2] - qs[0];
        column.quartiles = qs;
        column.outliers = values.filter((v) => v < qs[0] - 1.5 * iqr || v > qs[2] + 1.5 * iqr).length;
      }
      if (missing > 0) {
        const med = median(values);
        const indicator = options.missingIndicators ? `, plus a 0/1 column "${name}=${MISSING_LEVEL}"` : "";
        cleaning.push(
          values.length === 0
            ? `"${name}": every value is missing; read as 0${indicator}.`
            : `"${name}": ${missing} missing value${missing === 1 ? "" : "s"} (${pct(missing, n)}) replaced by the training median (${fmt(med)})${indicator}.`,
        );
      }
      return { column, invalid, cleaning };
    }
    case "boolean": {
      let ones = 0;
      let seen = 0;
      raw.forEach((v, i) => {
        try {
          const x = booleanValue(v, name, i);
          if (!Number.isNaN(x)) {
            seen++;
            ones += x;
          }
        } catch {
          note(i, v);
        }
      });
      const distinct = (ones > 0 ? 1 : 0) + (seen - ones > 0 ? 1 : 0);
      const column: Column = { name, kind, missing, distinct, constant: distinct + (missing > 0 ? 1 : 0) <= 1 };
      if (missing > 0) cleaning.push(`"${name}": ${missing} missing value${missing === 1 ? "" : "s"} (${pct(missing, n)}) replaced by the training majority (${ones * 2 > seen ? "true" : "false"}).`);
      return { column, invalid, cleaning };
    }
    case "categorical": {
      const counts = levelCounts(raw.map(levelOf));
      const column: Column = { name, kind, missing, distinct: counts.length, constant: counts.length + (missing > 0 ? 1 : 0) <= 1, topLevels: counts.slice(0, topLevels) };
      const kept = Math.min(counts.length, options.maxCategories);
      const parts = counts.length === 0 ? [`"${name}": every value is missing, so no level is one-hot encoded`] : [`"${name}": ${counts.length} level${counts.length === 1 ? "" : "s"} one-hot encoded`];
      if (counts.length > options.maxCategories) {
        const rare = counts.slice(options.maxCategories).reduce((s, c) => s + c.count, 0);
        parts.push(`the ${kept} most frequent kept and ${counts.length - kept} rarer level${counts.length - kept === 1 ? "" : "s"} (${rare} rows) put in "${name}=${OTHER_LEVEL}"`);
      }
      if (missing > 0) parts.push(`${missing} missing value${missing === 1 ? "" : "s"} (${pct(missing, n)}) put in "${name}=${OTHER_LEVEL}"`);
      parts.push(`unseen levels will also go to "${name}=${OTHER_LEVEL}"`);
      cleaning.push(`${parts.join("; ")}.`);
      return { column, invalid, cleaning };
    }
    default:
      return assertNever(kind, "feature kind");
  }
}

function skewness(values: readonly number[]): number {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const m2 = values.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
  const m3 = values.reduce((s, v) => s + (v - mean) ** 3, 0) / n;
  return m2 > 0 ? m3 / m2 ** 1.5 : 0;
}

function cellKey(v: unknown): unknown {
  return v === undefined || (typeof v === "number" && Number.isNaN(v)) ? null : v;
}

/** The report of a training table for a task; `options.folds` should match the cross-validation. */
export function qualityReport(table: Table, task: Task, options: Partial<QualityOptions> = {}): QualityReport {
  const opts = { ...defaultQualityOptions, ...options };
  const pre: PreprocessOptions = { ...defaultPreprocessOptions, ...opts.preprocess };
  const n = table.rows.length;
  const errors: string[] = [];
  const warnings: string[] = [];
  const cleaning: string[] = [];
  if (n === 0) errors.push("The table has no rows.");
  else if (n < 2 * opts.folds) errors.push(`Expected at least ${2 * opts.folds} rows for ${opts.folds}-fold cross-validation, found ${n}.`);
  if (table.features.length === 0) errors.push("The table has no features.");

  const facts = table.features.map((f) => profile(f, table, pre, opts.topLevels));
  for (const { column, invalid, cleaning: c } of facts) {
    cleaning.push(...c);
    if (invalid) {
      const { count, example, row } = invalid as NonNullable<ColumnFacts["invalid"]>;
      errors.push(`"${column.name}" (${column.kind}): ${count} value${count === 1 ? "" : "s"} training would refuse, e.g. ${example} in row ${row}.`);
    }
    // A column missing everywhere is also constant: one warning says both.
    if (n > 0 && column.missing === n) warnings.push(`"${column.name}" is missing in every row and carries no information.`);
    else if (n > 0 && column.missing / n > opts.missingShare) warnings.push(`"${column.name}" is ${pct(column.missing, n)} missing.`);
  }
  const constant = facts.filter((f) => f.column.constant);
  if (n > 0 && table.features.length > 0 && constant.length === table.features.length) errors.push("Every feature is constant: nothing can explain the target.");
  else for (const f of constant) if (!(n > 0 && f.column.missing === n)) warnings.push(`"${f.column.name}" is constant and carries no information.`);

  // Duplicates: rows identical to an earlier one in every feature and the target.
  const seen = new Set<string>();
  let duplicateRows = 0;
  table.rows.forEach((row, i) => {
    const key = JSON.stringify([...table.features.map((f) => cellKey(row[f.name])), cellKey(table.target?.[i])]);
    if (seen.has(key)) duplicateRows++;
    else seen.add(key);
  });
  if (n > 0 && duplicateRows / n > opts.duplicateShare) warnings.push(`${duplicateRows} duplicate rows (${pct(duplicateRows, n)}): identical features and target.`);

  let target: QualityReport["target"];
  if (task !== "clustering") {
    if (!table.target) errors.push(`Expected a target for a ${task} task, found none.`);
    else if (table.target.length !== n) errors.push(`Expected one target value per row, found ${n} rows and ${table.target.length} targets.`);
    else {
      const values = table.target.filter((v) => Number.isFinite(v));
      const missing = n - values.length;
      target = { missing };
      if (values.length > 0) {
        target.mean = values.reduce((s, v) => s + v, 0) / values.length;
        target.min = values.reduce((a, b) => Math.min(a, b), Infinity);
        target.max = values.reduce((a, b) => Math.max(a, b), -Infinity);
      }
      if (missing > 0) {
        cleaning.push(`${missing} row${missing === 1 ? "" : "s"} without a target (${pct(missing, n)}) left out of training and scoring.`);
        warnings.push(`${missing} rows (${pct(missing, n)}) have no target.`);
      }
      if (n > 0 && values.length === 0) errors.push("Every target value is missing.");
      else if (values.length > 0 && target.min === target.max) errors.push(`The target is constant (${fmt(target.min!)}): there is nothing to learn.`);
      if (task === "binary") {
        const bad = table.target.findIndex((v) => Number.isFinite(v) && v !== 0 && v !== 1);
        if (bad >= 0) errors.push(`Binary target: expected 0 or 1, found ${table.target[bad]} in row ${bad}.`);
        const positives = values.filter((v) => v === 1).length;
        const negatives = values.filter((v) => v === 0).length;
        target.classBalance = { "0": negatives, "1": positives };
        const minority = Math.min(positives, negatives);
        if (values.length > 0 && minority > 0 && minority < opts.folds) errors.push(`Expected at least ${opts.folds} rows of each class for ${opts.folds}-fold cross-validation, found ${minority} ${positives < negatives ? "positives" : "negatives"}.`);
        if (values.length > 0 && minority > 0 && minority / values.length < opts.imbalanceShare) {
          warnings.push(`Strong class imbalance: ${pct(positives, values.length)} positives (${positives} of ${values.length}); judge by rocAuc or prAuc, not accuracy.`);
        }
      }
      if (task === "regression" && values.length > 2) {
        const s = skewness(values);
        if (s > opts.skewness && (target.min ?? 0) >= 0 && pre.targetTransform === "none") warnings.push(`The target is right-skewed (skewness ${s.toFixed(1)}); consider targetTransform "log1p".`);
      }
    }
    if (task === "regression" && pre.targetTransform === "log1p") cleaning.push("The target is learnt as log1p(target) and predictions are transformed back (expm1).");
  }
  if (table.features.some((f) => f.kind === "numeric")) {
    cleaning.push(pre.scale ? "Numeric features are z-scaled with the training mean and standard deviation (a constant column becomes 0)." : "Numeric features are z-scaled (training mean and standard deviation) for linear, logistic and k-means models; forests use the raw values.");
  }
  return { rows: n, columns: facts.map((f) => f.column), duplicateRows, target, cleaning, errors, warnings };
}
