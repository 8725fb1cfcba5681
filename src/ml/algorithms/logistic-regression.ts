import MlLogisticRegression from "ml-logistic-regression";
import { Matrix } from "ml-matrix";
import type { Attribution, Estimator, EstimatorJSON } from "../estimator";
import { checkBinary, checkKnown, checkMatrix, choiceParam, notFitted, numberParam } from "./checks";

/**
 * Binary logistic regression, P(y = 1) = sigmoid(b + w·x), with two solvers:
 * - "newton" (default): Newton–Raphson / IRLS on the L2-penalised log-likelihood
 *   Σ log(1 + e^η) − yη + λ/2‖w‖² (the intercept is not penalised; λ = 1 is scikit-learn's C = 1),
 *   with a Cholesky solve and a backtracking line search. Converges in ~5–10 steps.
 * - "gradient": ml-logistic-regression's batch gradient ascent, wrapped to fix its pitfalls:
 *   an intercept column is appended (it has none), inputs are `Matrix` objects, the learning rate
 *   defaults to 1/n (its gradient is summed, not averaged, so a fixed rate diverges on large data;
 *   1/n assumes standardised inputs), and only the one classifier a 0/1 problem needs is trained
 *   (the library trains one-vs-all twice; its classifier 0 is trained on "class 0 → 0, else → 1",
 *   i.e. on y itself, so its `testScores` are P(y = 1)). No regularisation.
 */

export type LogisticSolver = "newton" | "gradient";

export interface LogisticRegressionParams {
  solver: LogisticSolver;
  /** newton: L2 penalty on the weights. */
  lambda: number;
  /** newton: most Newton steps. */
  maxIterations: number;
  /** newton: stop when half the Newton decrement (gᵀH⁻¹g / 2) per row falls below this. */
  tolerance: number;
  /** gradient: gradient steps. */
  numSteps: number;
  /** gradient: step size; 0 = 1 / training rows. */
  learningRate: number;
}

export const defaultLogisticRegressionParams: LogisticRegressionParams = {
  solver: "newton",
  lambda: 1,
  maxIterations: 50,
  tolerance: 1e-10,
  numSteps: 300,
  learningRate: 0,
};

const newtonOnly = ["lambda", "maxIterations", "tolerance"] as const;
const gradientOnly = ["numSteps", "learningRate"] as const;

export function readLogisticParams(params: Record<string, unknown>): LogisticRegressionParams {
  const name = "logisticRegression";
  const d = defaultLogisticRegressionParams;
  checkKnown(name, params, Object.keys(d));
  const solver = choiceParam<LogisticSolver>(name, params, "solver", ["newton", "gradient"], d.solver);
  const wrong = (solver === "newton" ? gradientOnly : newtonOnly).find((k) => params[k] !== undefined);
  if (wrong) throw new Error(`${name}: parameter "${wrong}" applies to the ${solver === "newton" ? "gradient" : "newton"} solver, found it with solver "${solver}"`);
  return {
    solver,
    lambda: numberParam(name, params, "lambda", d.lambda, { min: 0 }),
    maxIterations: numberParam(name, params, "maxIterations", d.maxIterations, { min: 1, integer: true }),
    tolerance: numberParam(name, params, "tolerance", d.tolerance, { min: 0, minExclusive: true }),
    numSteps: numberParam(name, params, "numSteps", d.numSteps, { min: 1, integer: true }),
    learningRate: numberParam(name, params, "learningRate", d.learningRate, { min: 0 }),
  };
}

// ------------------------------------------------------------------ Newton

export interface NewtonResult {
  weights: number[];
  intercept: number;
  iterations: number;
  converged: boolean;
  /** The penalised negative log-likelihood at the solution. */
  loss: number;
}

function softplus(eta: number): number {
  return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
}

function sigmoid(eta: number): number {
  return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
}

/** Solves A x = b for a symmetric positive definite A (p × p, row-major) by Cholesky; null if A is not PD. */
export function choleskySolve(A: Float64Array, b: Float64Array, p: number): Float64Array | null {
  const L = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * p + j];
      for (let k = 0; k < j; k++) s -= L[i * p + k] * L[j * p + k];
      if (i === j) {
        if (!(s > 0)) return null;
        L[i * p + i] = Math.sqrt(s);
      } else L[i * p + j] = s / L[j * p + j];
    }
  }
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * p + k] * z[k];
    z[i] = s / L[i * p + i];
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = z[i];
    for (let k = i + 1; k < p; k++) s -= L[k * p + i] * x[k];
    x[i] = s / L[i * p + i];
  }
  return x;
}

/**
 * Minimises Σ softplus(η_i) − y_i η_i + λ/2 ‖w‖², η = b + w·x, by Newton steps with Armijo
 * backtracking. The last coefficient of the internal vector is the intercept (unpenalised).
 */
export function fitLogisticNewton(X: readonly number[][], y: readonly number[], options: { lambda: number; maxIterations: number; tolerance: number }): NewtonResult {
  const n = X.length;
  const d = X[0].length;
  const p = d + 1;
  const { lambda, maxIterations, tolerance } = options;
  const beta = new Float64Array(p);
  const prevalence = y.reduce((s, v) => s + v, 0) / n;
  const clipped = Math.min(1 - 1e-6, Math.max(1e-6, prevalence));
  beta[d] = Math.log(clipped / (1 - clipped));
  const eta = new Float64Array(n);
  const linear = (b: Float64Array, out: Float64Array) => {
    for (let i = 0; i < n; i++) {
      const row = X[i];
      let s = b[d];
      for (let j = 0; j < d; j++) s += b[j] * row[j];
      out[i] = s;
    }
  };
  const lossAt = (b: Float64Array, e: Float64Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += softplus(e[i]) - y[i] * e[i];
    let r = 0;
    for (let j = 0; j < d; j++) r += b[j] * b[j];
    return s + (lambda / 2) * r;
  };
  linear(beta, eta);
  let loss = lossAt(beta, eta);
  const g = new Float64Array(p);
  const H = new Float64Array(p * p);
  const a = new Float64Array(p);
  const trial = new Float64Array(p);
  const trialEta = new Float64Array(n);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    g.fill(0);
    H.fill(0);
    for (let i = 0; i < n; i++) {
      const mu = sigmoid(eta[i]);
      const w = mu * (1 - mu);
      const r = mu - y[i];
      const row = X[i];
      for (let j = 0; j < d; j++) a[j] = row[j];
      a[d] = 1;
      for (let j = 0; j < p; j++) {
        const aj = a[j];
        g[j] += r * aj;
        const wa = w * aj;
        const base = j * p;
        for (let k = 0; k <= j; k++) H[base + k] += wa * a[k];
      }
    }
    for (let j = 0; j < d; j++) {
      g[j] += lambda * beta[j];
      H[j * p + j] += lambda;
    }
    for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) H[k * p + j] = H[j * p + k];
    // Cholesky; when H is (numerically) singular, e.g. separable data without a penalty, add a ridge.
    let step = choleskySolve(H, g, p);
    let jitter = 1e-10 * Math.max(1, n);
    while (!step && jitter < 1e12) {
      const Hj = H.slice();
      for (let j = 0; j < p; j++) Hj[j * p + j] += jitter;
      step = choleskySolve(Hj, g, p);
      jitter *= 100;
    }
    if (!step) break;
    const decrement = step.reduce((s, v, j) => s + v * g[j], 0);
    iterations++;
    let t = 1;
    let accepted = false;
    for (let halvings = 0; halvings < 40; halvings++) {
      for (let j = 0; j < p; j++) trial[j] = beta[j] - t * step[j];
      linear(trial, trialEta);
      const next = lossAt(trial, trialEta);
      if (next <= loss - 1e-4 * t * decrement) {
        beta.set(trial);
        eta.set(trialEta);
        loss = next;
        accepted = true;
        break;
      }
      t /= 2;
    }
    // Stop once the (applied) step was tiny, or when no decrease is possible at machine precision.
    if (!accepted || decrement / 2 <= tolerance * n) {
      converged = true;
      break;
    }
  }
  return { weights: Array.from(beta.subarray(0, d)), intercept: beta[d], iterations, converged, loss };
}

// ------------------------------------------------------------------ adapter

interface Fitted {
  weights: number[];
  intercept: number;
  means: number[];
  /** gradient solver: the library's two-class model JSON (weights include the intercept last). */
  library?: MlLogisticRegression.TwoClassesJSON;
  iterations: number;
  converged: boolean;
}

/** ml-logistic-regression does not export its two-class model; its constructor is reached through `load`. */
function twoClassesConstructor(): MlLogisticRegression.TwoClassesConstructor {
  const probe = MlLogisticRegression.load({ name: "LogisticRegression", numSteps: 1, learningRate: 1, numberClasses: 1, classifiers: [{ numSteps: 1, learningRate: 1, weights: [[0]] }] });
  return probe.classifiers[0].constructor as MlLogisticRegression.TwoClassesConstructor;
}

function withIntercept(X: readonly number[][]): Matrix {
  return new Matrix(X.map((row) => [...row, 1]));
}

export class LogisticRegression implements Estimator {
  readonly algorithm = "logisticRegression" as const;
  readonly task = "binary" as const;
  readonly params: LogisticRegressionParams;
  private fitted: Fitted | null = null;
  private library: MlLogisticRegression.TwoClasses | null = null;

  /** `resolved`: parameters already checked and completed (when loading a saved model). */
  constructor(params: Record<string, unknown> = {}, resolved?: LogisticRegressionParams) {
    this.params = resolved ?? readLogisticParams(params);
  }

  fit(X: number[][], y: number[]): void {
    const d = checkMatrix("logisticRegression", X, y);
    checkBinary("logisticRegression", y);
    const n = X.length;
    const means = new Array<number>(d).fill(0);
    for (const row of X) for (let j = 0; j < d; j++) means[j] += row[j];
    for (let j = 0; j < d; j++) means[j] /= n;
    if (this.params.solver === "newton") {
      const r = fitLogisticNewton(X, y, this.params);
      this.fitted = { weights: r.weights, intercept: r.intercept, means, iterations: r.iterations, converged: r.converged };
      this.library = null;
      return;
    }
    const TwoClasses = twoClassesConstructor();
    const model = new TwoClasses({ numSteps: this.params.numSteps, learningRate: this.params.learningRate > 0 ? this.params.learningRate : 1 / n });
    model.train(withIntercept(X), Matrix.columnVector(y));
    const w = (model.weights as Matrix).to1DArray();
    this.library = model;
    this.fitted = {
      weights: w.slice(0, d),
      intercept: w[d],
      means,
      library: { numSteps: model.numSteps, learningRate: model.learningRate, weights: (model.weights as Matrix).to2DArray() },
      iterations: this.params.numSteps,
      converged: false,
    };
  }

  private get model(): Fitted {
    return this.fitted ?? notFitted("logisticRegression");
  }

  /** Steps taken (Newton or gradient) and whether Newton's decrement fell below the tolerance (always false for gradient). */
  get diagnostics(): { iterations: number; converged: boolean } {
    const { iterations, converged } = this.model;
    return { iterations, converged };
  }

  predict(X: number[][]): number[] {
    const { weights, intercept } = this.model;
    for (const row of X) if (row.length !== weights.length) throw new Error(`logisticRegression: expected ${weights.length} columns, found ${row.length}`);
    if (this.library) return this.library.testScores(withIntercept(X));
    return X.map((row) => {
      let s = intercept;
      for (let j = 0; j < weights.length; j++) s += weights[j] * row[j];
      return sigmoid(s);
    });
  }

  /** Log-odds: w_j · (x_j − x̄_j) per column; the reference is b + w·x̄ (the average row's log-odds). */
  attribute(x: number[]): Attribution {
    const { weights, intercept, means } = this.model;
    const values = weights.map((w, j) => w * (x[j] - means[j]));
    let prediction = intercept;
    for (let j = 0; j < weights.length; j++) prediction += weights[j] * x[j];
    return { values, reference: prediction - values.reduce((s, v) => s + v, 0), prediction, link: "logit" };
  }

  coefficients(): { weights: number[]; intercept: number } {
    const { weights, intercept } = this.model;
    return { weights: weights.slice(), intercept };
  }

  toJSON(): EstimatorJSON {
    return { name: "logisticRegression", version: 1, task: "binary", params: this.params, ...this.model };
  }

  static load(json: EstimatorJSON): LogisticRegression {
    const f = json as EstimatorJSON & Partial<Fitted>;
    if (!Array.isArray(f.weights) || typeof f.intercept !== "number" || !Array.isArray(f.means) || f.means.length !== f.weights.length) {
      throw new Error("Invalid model: expected logisticRegression weights, intercept and means of equal length");
    }
    const model = new LogisticRegression({}, { ...defaultLogisticRegressionParams, ...(json.params as Partial<LogisticRegressionParams>) });
    model.fitted = { weights: f.weights, intercept: f.intercept, means: f.means, library: f.library, iterations: f.iterations ?? 0, converged: f.converged ?? false };
    if (f.library) model.library = new (twoClassesConstructor())(f.library);
    return model;
  }
}
