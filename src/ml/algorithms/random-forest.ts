import type { Attribution, Estimator, EstimatorJSON } from "../estimator";
import type { Task } from "../types";
import { booleanParam, checkBinary, checkKnown, checkMatrix, notFitted, numberParam } from "./checks";
import { defaultForestOptions, HistForestClassifier, HistForestRegressor, type ForestOptions } from "./hist-forest";

/**
 * Our histogram random forest (hist-forest.ts) behind the Estimator shape: a regressor for
 * regression, a classifier whose output is P(class 1) (the mean of the trees' leaf frequencies) for
 * binary tasks. Attribution is Saabas' path method over every tree.
 */

const known = ["nEstimators", "maxFeatures", "maxDepth", "minSamplesLeaf", "maxBins", "seed", "bootstrap", "sampleFraction"] as const;

export function readForestParams(params: Record<string, unknown>): ForestOptions {
  const name = "randomForest";
  checkKnown(name, params, known);
  const d = defaultForestOptions;
  const mf = params.maxFeatures;
  if (mf !== undefined && mf !== "sqrt" && mf !== "third" && mf !== "all" && !(typeof mf === "number" && mf > 0 && mf <= 1)) {
    throw new Error(`${name}: expected maxFeatures "sqrt", "third", "all" or a fraction in (0, 1], found ${JSON.stringify(mf)}`);
  }
  return {
    nEstimators: numberParam(name, params, "nEstimators", d.nEstimators, { min: 1, integer: true }),
    maxFeatures: (mf as ForestOptions["maxFeatures"] | undefined) ?? d.maxFeatures,
    maxDepth: numberParam(name, params, "maxDepth", d.maxDepth, { min: 1, integer: true }),
    minSamplesLeaf: numberParam(name, params, "minSamplesLeaf", d.minSamplesLeaf, { min: 1, integer: true }),
    maxBins: numberParam(name, params, "maxBins", d.maxBins, { min: 2, max: 65535, integer: true }),
    seed: numberParam(name, params, "seed", d.seed, { integer: true }),
    bootstrap: booleanParam(name, params, "bootstrap", d.bootstrap),
    sampleFraction: numberParam(name, params, "sampleFraction", d.sampleFraction, { min: 0, minExclusive: true, max: 1 }),
  };
}

export class RandomForest implements Estimator {
  readonly algorithm = "randomForest" as const;
  readonly options: ForestOptions;
  private forest: HistForestRegressor | HistForestClassifier | null = null;

  /** `resolved`: options already checked and completed (when loading a saved model). */
  constructor(
    readonly task: Task,
    params: Record<string, unknown> = {},
    resolved?: ForestOptions,
  ) {
    if (task !== "regression" && task !== "binary") throw new Error(`randomForest: expected a regression or binary task, found ${task}`);
    this.options = resolved ?? readForestParams(params);
  }

  fit(X: number[][], y: number[]): void {
    checkMatrix("randomForest", X, y);
    if (this.task === "binary") {
      checkBinary("randomForest", y);
      this.forest = HistForestClassifier.train(X, y, this.options);
    } else this.forest = HistForestRegressor.train(X, y, this.options);
  }

  private get model(): HistForestRegressor | HistForestClassifier {
    return this.forest ?? notFitted("randomForest");
  }

  /** Normalised mean decrease in impurity per input column. */
  get featureImportances(): number[] {
    return this.model.featureImportances;
  }

  predict(X: number[][]): number[] {
    const f = this.model;
    if (f instanceof HistForestClassifier) return f.predictProbabilities(X).map((p) => p[1] ?? 0);
    return f.predict(X);
  }

  /** Saabas: the mean over trees of the root value, plus each split's change credited to its column. */
  attribute(x: number[]): Attribution {
    const a = this.model.contributions(x);
    return { values: a.contributions, reference: a.bias, prediction: a.prediction, link: "identity" };
  }

  toJSON(): EstimatorJSON {
    return { name: "randomForest", version: 1, task: this.task, forest: this.model.toJSON() };
  }

  static load(json: EstimatorJSON): RandomForest {
    const forest = json.task === "binary" ? HistForestClassifier.load(json.forest) : HistForestRegressor.load(json.forest);
    const model = new RandomForest(json.task, {}, forest.toJSON().options);
    model.forest = forest;
    return model;
  }
}
