import type { Attribution, Estimator, EstimatorJSON } from "../estimator";
import type { Task } from "../types";
import { checkBinary, checkKnown, checkMatrix, notFitted } from "./checks";

/**
 * The yardstick every candidate must beat, scored on the same folds: the training mean (regression),
 * the prevalence P(y = 1) (binary) or a single cluster 0 (clustering). No parameters.
 */
export class Baseline implements Estimator {
  readonly algorithm = "baseline" as const;
  private value = Number.NaN;

  constructor(
    readonly task: Task,
    params: Record<string, unknown> = {},
  ) {
    checkKnown("baseline", params, []);
  }

  fit(X: number[][], y: number[]): void {
    if (this.task === "clustering") {
      checkMatrix("baseline", X);
      this.value = 0;
      return;
    }
    checkMatrix("baseline", X, y);
    if (this.task === "binary") checkBinary("baseline", y);
    this.value = y.reduce((s, v) => s + v, 0) / y.length;
  }

  predict(X: number[][]): number[] {
    if (Number.isNaN(this.value)) notFitted("baseline");
    return X.map(() => this.value);
  }

  attribute(x: number[]): Attribution {
    if (Number.isNaN(this.value)) notFitted("baseline");
    return { values: x.map(() => 0), reference: this.value, prediction: this.value, link: "identity" };
  }

  toJSON(): EstimatorJSON {
    if (Number.isNaN(this.value)) notFitted("baseline");
    return { name: "baseline", version: 1, task: this.task, value: this.value };
  }

  static load(json: EstimatorJSON): Baseline {
    if (typeof json.value !== "number") throw new Error(`Invalid model: expected a numeric baseline value, found ${JSON.stringify(json.value ?? null)}`);
    const model = new Baseline(json.task);
    model.value = json.value;
    return model;
  }
}
