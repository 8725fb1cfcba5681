import { RandomForestClassifier, RandomForestRegression } from "ml-random-forest";
import type { Estimator, EstimatorJSON } from "../estimator";
import { createRng, shuffled } from "../random";
import type { Task } from "../types";
import { checkBinary, checkKnown, checkMatrix, notFitted, numberParam } from "./checks";

/**
 * ml-random-forest 2.1.0, kept for comparison with our forest. Parameters pass through to the library
 * (its defaults: 50 trees, every feature per tree, bootstrap, seed 42), with its pitfalls handled:
 * - `noOOB: true` unless asked otherwise (its out-of-bag bookkeeping can crash and costs O(n²));
 * - rows are shuffled (seeded) before `maxSamples`, which otherwise keeps the *first* rows;
 * - binary labels are the integers 0/1, and P(y = 1) is the fraction of trees voting 1, read from
 *   `predictionValues` (its `predictProbability` miscounts the first tree's vote).
 * Beware: its CART is O(n²) per node, so default options are impractical beyond a few thousand rows.
 * It has no attribution of its own: the model explains it by replacement (see model.ts).
 */

const known = ["nEstimators", "maxFeatures", "replacement", "seed", "useSampleBagging", "maxSamples", "treeOptions", "selectionMethod", "noOOB"] as const;

type Forest = RandomForestClassifier | RandomForestRegression;

export class MlRandomForest implements Estimator {
  readonly algorithm = "mlRandomForest" as const;
  readonly params: Record<string, unknown>;
  private forest: Forest | null = null;

  constructor(
    readonly task: Task,
    params: Record<string, unknown> = {},
  ) {
    if (task !== "regression" && task !== "binary") throw new Error(`mlRandomForest: expected a regression or binary task, found ${task}`);
    checkKnown("mlRandomForest", params, known);
    numberParam("mlRandomForest", params, "nEstimators", 50, { min: 1, integer: true });
    numberParam("mlRandomForest", params, "seed", 42, { integer: true });
    numberParam("mlRandomForest", params, "maxSamples", 1, { min: 0, minExclusive: true });
    numberParam("mlRandomForest", params, "maxFeatures", 1, { min: 0, minExclusive: true });
    if (task === "binary" && params.selectionMethod !== undefined) throw new Error(`mlRandomForest: parameter "selectionMethod" applies to regression, found it for a binary task`);
    this.params = { ...params };
  }

  fit(X: number[][], y: number[]): void {
    checkMatrix("mlRandomForest", X, y);
    if (this.task === "binary") checkBinary("mlRandomForest", y);
    let rowsX = X;
    let rowsY = y;
    if (this.params.maxSamples !== undefined) {
      const order = shuffled(
        X.map((_, i) => i),
        createRng(`mlRandomForest:${(this.params.seed as number | undefined) ?? 42}`),
      );
      rowsX = order.map((i) => X[i]);
      rowsY = order.map((i) => y[i]);
    }
    const options = { noOOB: true, ...this.params };
    const forest = this.task === "binary" ? new RandomForestClassifier(options) : new RandomForestRegression(options);
    forest.train(rowsX, rowsY);
    this.forest = forest;
  }

  private get model(): Forest {
    return this.forest ?? notFitted("mlRandomForest");
  }

  predict(X: number[][]): number[] {
    const f = this.model;
    if (X.length === 0) return [];
    if (this.task === "regression") return f.predict(X);
    const votes = f.predictionValues(X);
    const out = new Array<number>(votes.rows);
    for (let i = 0; i < votes.rows; i++) {
      const row = votes.getRow(i);
      let ones = 0;
      for (const v of row) if (v === 1) ones++;
      out[i] = ones / row.length;
    }
    return out;
  }

  toJSON(): EstimatorJSON {
    return { name: "mlRandomForest", version: 1, task: this.task, params: this.params, model: this.model.toJSON() };
  }

  static load(json: EstimatorJSON): MlRandomForest {
    const model = new MlRandomForest(json.task, (json.params as Record<string, unknown>) ?? {});
    const saved = json.model as { name?: string } | undefined;
    const expected = json.task === "binary" ? "RFClassifier" : "RFRegression";
    if (saved?.name !== expected) throw new Error(`Invalid model: expected an ml-random-forest "${expected}", found ${JSON.stringify(saved?.name ?? null)}`);
    model.forest = json.task === "binary" ? RandomForestClassifier.load(json.model as never) : RandomForestRegression.load(json.model as never);
    return model;
  }
}
