import { assertNever } from "../lib/assert-never";
import { Baseline } from "./algorithms/baseline";
import { GradientBoosting } from "./algorithms/gradient-boosting";
import { KMeans } from "./algorithms/kmeans";
import { LinearRegression } from "./algorithms/linear-regression";
import { LogisticRegression } from "./algorithms/logistic-regression";
import { MlRandomForest } from "./algorithms/ml-random-forest";
import { RandomForest } from "./algorithms/random-forest";
import type { AlgorithmName, Candidate, Task } from "./types";

/**
 * One shape for every learner (mljs adapters and our own): fit on a numeric matrix, predict, save as
 * tagged JSON, load by tag. Regression predicts the (possibly transformed) target, binary predicts
 * P(y = 1), clustering predicts a cluster index.
 */
export interface Estimator {
  readonly algorithm: AlgorithmName;
  readonly task: Task;
  fit(X: number[][], y: number[]): void;
  predict(X: number[][]): number[];
  toJSON(): EstimatorJSON;
  /**
   * Additive attribution of one row's prediction over the input columns, in the estimator's native
   * scale (see `Attribution.link`). Absent for estimators that cannot attribute by themselves.
   */
  attribute?(x: number[]): Attribution;
  /** Linear models: the weight of every input column and the intercept (native scale). */
  coefficients?(): { weights: number[]; intercept: number };
}

/**
 * `reference + Σ values = prediction`, in the native scale; `link` maps the native scale to what
 * `predict` returns ("logit": predict = sigmoid(native)).
 */
export interface Attribution {
  values: number[];
  reference: number;
  prediction: number;
  link: "identity" | "logit";
}

/** Every estimator's JSON carries its algorithm as the tag and the task it was fitted for. */
export interface EstimatorJSON {
  name: AlgorithmName;
  version: 1;
  task: Task;
  [key: string]: unknown;
}

export const algorithmNames: readonly AlgorithmName[] = ["baseline", "linearRegression", "logisticRegression", "randomForest", "gradientBoosting", "mlRandomForest", "kmeans"];

/** Which tasks each algorithm serves. */
export const algorithmTasks: Record<AlgorithmName, readonly Task[]> = {
  baseline: ["regression", "binary", "clustering"],
  linearRegression: ["regression"],
  logisticRegression: ["binary"],
  randomForest: ["regression", "binary"],
  gradientBoosting: ["regression", "binary"],
  mlRandomForest: ["regression", "binary"],
  kmeans: ["clustering"],
};

function checkTask(algorithm: AlgorithmName, task: Task): void {
  if (!algorithmTasks[algorithm].includes(task)) throw new Error(`${algorithm}: expected a ${algorithmTasks[algorithm].join(" or ")} task, found ${task}`);
}

/** A fresh, unfitted estimator; checks the algorithm, the task and every parameter up front. */
export function createEstimator(task: Task, candidate: Candidate): Estimator {
  const { algorithm, params } = candidate;
  if (!algorithmNames.includes(algorithm)) throw new Error(`expected an algorithm among ${algorithmNames.join(", ")}, found ${JSON.stringify(algorithm)}`);
  checkTask(algorithm, task);
  switch (algorithm) {
    case "baseline":
      return new Baseline(task, params);
    case "linearRegression":
      return new LinearRegression(params);
    case "logisticRegression":
      return new LogisticRegression(params);
    case "randomForest":
      return new RandomForest(task, params);
    case "gradientBoosting":
      return new GradientBoosting(task, params);
    case "mlRandomForest":
      return new MlRandomForest(task, params);
    case "kmeans":
      return new KMeans(params);
    default:
      return assertNever(algorithm, "algorithm");
  }
}

/** Loads an estimator saved by `toJSON`, dispatching on its tag; a foreign tag is refused. */
export function estimatorFromJSON(json: unknown): Estimator {
  const j = json as Partial<EstimatorJSON> | null;
  const name = j?.name;
  if (!j || typeof name !== "string" || !algorithmNames.includes(name as AlgorithmName)) {
    throw new Error(`Invalid model: expected an estimator tagged ${algorithmNames.map((n) => `"${n}"`).join(", ")}, found ${JSON.stringify(name ?? null)}`);
  }
  if (j.version !== 1) throw new Error(`Invalid model: unsupported ${name} version ${String(j.version)}`);
  const task = j.task as Task;
  if (!algorithmTasks[name as AlgorithmName].includes(task)) throw new Error(`Invalid model: ${name} saved for task ${JSON.stringify(task ?? null)}`);
  const full = j as EstimatorJSON;
  switch (full.name) {
    case "baseline":
      return Baseline.load(full);
    case "linearRegression":
      return LinearRegression.load(full);
    case "logisticRegression":
      return LogisticRegression.load(full);
    case "randomForest":
      return RandomForest.load(full);
    case "gradientBoosting":
      return GradientBoosting.load(full);
    case "mlRandomForest":
      return MlRandomForest.load(full);
    case "kmeans":
      return KMeans.load(full);
    default:
      return assertNever(full.name, "algorithm");
  }
}
