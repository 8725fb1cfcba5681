import MLR from "ml-regression-multivariate-linear";
import type { Attribution, Estimator, EstimatorJSON } from "../estimator";
import { checkKnown, checkMatrix, notFitted, numberParam } from "./checks";

export interface LinearRegressionParams {
  /** Ridge penalty λ on the weights (never on the intercept); 0 = ordinary least squares. */
  lambda: number;
}

export const defaultLinearRegressionParams: LinearRegressionParams = { lambda: 1 };

interface Fitted {
  weights: number[];
  intercept: number;
  /** Training mean of every input column: the "average row" of attributions. */
  means: number[];
}

/**
 * Least squares (optionally ridge) with ml-regression-multivariate-linear, which has no ridge option
 * and solves the normal equations with an SVD pseudo-inverse. So the adapter:
 * - centres X and y on their training means and fits without the library's intercept, so the
 *   intercept (ȳ − w·x̄) is never penalised;
 * - adds the rows √λ·I with target 0 under the centred design (minimising ‖y − Xw‖² + λ‖w‖²);
 * - passes y as a column (the library wants 2-D targets) and `statistics: false` (its statistics cost
 *   a second pseudo-inverse, and a loaded model cannot be saved again with them);
 * - keeps only the weights, so saving never goes through the library's `load()`/`toJSON()` bug.
 */
export class LinearRegression implements Estimator {
  readonly algorithm = "linearRegression" as const;
  readonly task = "regression" as const;
  readonly params: LinearRegressionParams;
  private fitted: Fitted | null = null;

  constructor(params: Record<string, unknown> = {}) {
    checkKnown("linearRegression", params, Object.keys(defaultLinearRegressionParams));
    this.params = { lambda: numberParam("linearRegression", params, "lambda", defaultLinearRegressionParams.lambda, { min: 0 }) };
  }

  fit(X: number[][], y: number[]): void {
    const p = checkMatrix("linearRegression", X, y);
    const n = X.length;
    const means = new Array<number>(p).fill(0);
    for (const row of X) for (let j = 0; j < p; j++) means[j] += row[j];
    for (let j = 0; j < p; j++) means[j] /= n;
    const yMean = y.reduce((s, v) => s + v, 0) / n;
    let weights: number[];
    if (p === 0) weights = [];
    else {
      const design: number[][] = X.map((row) => row.map((v, j) => v - means[j]));
      const target: number[][] = y.map((v) => [v - yMean]);
      const { lambda } = this.params;
      if (lambda > 0) {
        const s = Math.sqrt(lambda);
        for (let j = 0; j < p; j++) {
          const r = new Array<number>(p).fill(0);
          r[j] = s;
          design.push(r);
          target.push([0]);
        }
      }
      const mlr = new MLR(design, target, { intercept: false, statistics: false });
      weights = mlr.weights.map((w) => w[0]);
    }
    const intercept = yMean - weights.reduce((s, w, j) => s + w * means[j], 0);
    this.fitted = { weights, intercept, means };
  }

  private get model(): Fitted {
    return this.fitted ?? notFitted("linearRegression");
  }

  predict(X: number[][]): number[] {
    const { weights, intercept } = this.model;
    return X.map((row) => {
      if (row.length !== weights.length) throw new Error(`linearRegression: expected ${weights.length} columns, found ${row.length}`);
      let s = intercept;
      for (let j = 0; j < weights.length; j++) s += weights[j] * row[j];
      return s;
    });
  }

  /** w_j · (x_j − x̄_j) per column; the reference is the prediction for the training mean row (= ȳ). */
  attribute(x: number[]): Attribution {
    const { weights, means } = this.model;
    const values = weights.map((w, j) => w * (x[j] - means[j]));
    const [prediction] = this.predict([x]);
    const reference = prediction - values.reduce((s, v) => s + v, 0);
    return { values, reference, prediction, link: "identity" };
  }

  coefficients(): { weights: number[]; intercept: number } {
    const { weights, intercept } = this.model;
    return { weights: weights.slice(), intercept };
  }

  toJSON(): EstimatorJSON {
    const { weights, intercept, means } = this.model;
    return { name: "linearRegression", version: 1, task: "regression", params: this.params, weights, intercept, means };
  }

  static load(json: EstimatorJSON): LinearRegression {
    const { weights, intercept, means } = json as EstimatorJSON & Partial<Fitted>;
    if (!Array.isArray(weights) || typeof intercept !== "number" || !Array.isArray(means) || means.length !== weights.length) {
      throw new Error("Invalid model: expected linearRegression weights, intercept and means of equal length");
    }
    const model = new LinearRegression((json.params as Record<string, unknown>) ?? {});
    model.fitted = { weights, intercept, means };
    return model;
  }
}
