/**
 * The contract of the learning engine (src/ml): plain data in, plain data out, no GraphQL and no
 * TypeORM, so it runs the same in the server, in a worker thread and in the evaluation CLI.
 */

/** One feature value of a row; null/undefined/NaN mean missing. */
export type FeatureValue = number | string | boolean | null | undefined;

/** A row of named feature values (what the feature builders produce). */
export type FeatureRow = Record<string, FeatureValue>;

export type Task = "regression" | "binary" | "clustering";

export type FeatureKind = "numeric" | "categorical" | "boolean";

export interface FeatureSpec {
  name: string;
  kind: FeatureKind;
}

/** A training (or test) table: the features' specs, the rows, and the target (regression values or 0/1 labels). */
export interface Table {
  features: FeatureSpec[];
  rows: FeatureRow[];
  target?: number[];
}

export type AlgorithmName = "baseline" | "linearRegression" | "logisticRegression" | "randomForest" | "gradientBoosting" | "mlRandomForest" | "kmeans";

/** One algorithm with one set of hyper-parameters. */
export interface Candidate {
  algorithm: AlgorithmName;
  params: Record<string, unknown>;
}

export interface PreprocessOptions {
  /** Standardise numeric columns (z-scores); linear and logistic models need it, forests do not. */
  scale: boolean;
  /** Categorical levels kept per column (most frequent first); the rest, and unseen levels, go to "other". */
  maxCategories: number;
  /** Regression target transform, inverted on prediction. */
  targetTransform: "none" | "log1p";
  /** Add a 0/1 "was missing" column for numeric features that had missing values in training. */
  missingIndicators: boolean;
}

export type MetricName =
  | "mae"
  | "rmse"
  | "r2"
  | "mape"
  | "accuracy"
  | "precision"
  | "recall"
  | "f1"
  | "rocAuc"
  | "prAuc"
  | "logLoss"
  | "silhouette";

/** Metrics of one evaluation; which keys are present depends on the task. */
export type Metrics = Partial<Record<MetricName, number>>;

/** How a candidate's hyper-parameters are searched. */
export interface CandidateSpec {
  algorithm: AlgorithmName;
  /** Each key lists the values to try; the grid is their cartesian product. */
  grid: Record<string, unknown[]>;
  /** "grid" tries every combination; "random" draws `samples` of them (seeded). */
  search?: "grid" | "random";
  samples?: number;
}

export interface SelectionSpec {
  task: Task;
  /** The metric that chooses the winner (lower is better for mae, rmse, mape, logLoss; higher otherwise). */
  metric: MetricName;
  candidates: CandidateSpec[];
  cv: { folds: number; seed: number; stratify?: boolean };
  preprocess?: Partial<PreprocessOptions>;
}

export interface CandidateResult {
  algorithm: AlgorithmName;
  params: Record<string, unknown>;
  /** Metrics per fold, then their mean and standard deviation. */
  folds: Metrics[];
  mean: Metrics;
  std: Metrics;
  fitSeconds: number;
}

export interface SelectionResult {
  metric: MetricName;
  /** The baseline (mean / majority / prevalence), always scored on the same folds. */
  baseline: CandidateResult;
  /** Every candidate tried, best first. */
  candidates: CandidateResult[];
  best: CandidateResult;
}

/** How much one feature pushed one prediction up (positive) or down, in the prediction's units. */
export interface Contribution {
  feature: string;
  value: FeatureValue;
  contribution: number;
  /** How the model read `value` when that differs: a training-range edge, or `(other)` for an unseen level. */
  readAs?: FeatureValue;
}

export interface Explanation {
  /** The prediction for an average row (the training mean, or prevalence, in output units). */
  base: number;
  prediction: number;
  /** Largest absolute contribution first; they sum to prediction − base (up to rounding). */
  contributions: Contribution[];
}

export interface FeatureImportance {
  feature: string;
  /** Mean loss of the metric when the feature's values are shuffled (permutation), or |standardised coefficient|. */
  importance: number;
  std: number;
  /** Standardised coefficients only: the signed value (per training standard deviation of the column). */
  coefficient?: number;
}

export interface QualityReport {
  rows: number;
  columns: Array<{
    name: string;
    kind: FeatureKind;
    missing: number;
    distinct: number;
    constant: boolean;
    /** Numeric only: values beyond 1.5 × IQR from the quartiles, and the quartiles. */
    outliers?: number;
    quartiles?: [number, number, number];
    /** Categorical only: the most frequent levels with their counts. */
    topLevels?: Array<{ level: string; count: number }>;
  }>;
  duplicateRows: number;
  target?: { missing: number; mean?: number; min?: number; max?: number; classBalance?: Record<string, number> };
  /** What cleaning was applied (imputation, dropped rows, clipping, …), in words. */
  cleaning: string[];
  /** Problems that make training pointless (empty table, constant target, …). */
  errors: string[];
  warnings: string[];
}

/** A trained pipeline: preprocessing + estimator + target transform, serialisable as tagged JSON. */
export interface FittedModel {
  readonly task: Task;
  readonly algorithm: AlgorithmName;
  readonly params: Record<string, unknown>;
  /** Regression: target units; binary: P(y = 1); clustering: cluster index. */
  predict(rows: FeatureRow[]): number[];
  explain(row: FeatureRow): Explanation;
  toJSON(): FittedModelJSON;
}

export interface FittedModelJSON {
  name: "resonanceModel";
  version: 1;
  task: Task;
  algorithm: AlgorithmName;
  params: Record<string, unknown>;
  features: FeatureSpec[];
  preprocessor: unknown;
  estimator: unknown;
  /** Regression: the training mean of the target (target units); binary: the prevalence. The base of explanations. */
  base?: number;
  /**
   * Per feature (in `features` order): the mean |attribution| over a sample of training rows, in the
   * estimator's native scale. Spreads the gap between the model's own reference (its prediction for
   * the average row) and `base` over the features in explanations.
   */
  gapWeights?: number[];
}

/** Progress of long engine work: done of total units, with a label. */
export type ProgressCallback = (done: number, total: number, label: string) => void;
