import { minimizeLbfgs, type LbfgsOptions } from "./lbfgs";

/**
 * Linear models over sparse rows: multinomial (softmax) logistic regression and ridge regression, both
 * with an L2 penalty on the weights (not on the intercepts), fitted by L-BFGS on the full batch.
 */

/** Rows in compressed sparse row form: row i holds columns `indices[rowStart[i]..rowStart[i+1])`. */
export interface SparseRows {
  readonly rows: number;
  readonly columns: number;
  readonly rowStart: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/** Builds CSR rows from per-row (column, value) lists. */
export function sparseRows(columns: number, rows: readonly { indices: ArrayLike<number>; values: ArrayLike<number> }[]): SparseRows {
  let nnz = 0;
  for (const r of rows) nnz += r.indices.length;
  const rowStart = new Int32Array(rows.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let at = 0;
  rows.forEach((r, i) => {
    rowStart[i] = at;
    for (let k = 0; k < r.indices.length; k++) {
      indices[at] = r.indices[k];
      values[at] = r.values[k];
      at++;
    }
  });
  rowStart[rows.length] = at;
  return { rows: rows.length, columns, rowStart, indices, values };
}

/** The rows `pick` of `x`, in that order. */
export function selectRows(x: SparseRows, pick: readonly number[]): SparseRows {
  let nnz = 0;
  for (const i of pick) nnz += x.rowStart[i + 1] - x.rowStart[i];
  const rowStart = new Int32Array(pick.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let at = 0;
  pick.forEach((i, r) => {
    rowStart[r] = at;
    for (let p = x.rowStart[i]; p < x.rowStart[i + 1]; p++) {
      indices[at] = x.indices[p];
      values[at] = x.values[p];
      at++;
    }
  });
  rowStart[pick.length] = at;
  return { rows: pick.length, columns: x.columns, rowStart, indices, values };
}

// ─────────────────────────────────────────────────────────────────────────── softmax

/** Weights by feature then class (`weights[j * classes + k]`), one intercept per class. */
export interface SoftmaxWeights {
  classes: number;
  columns: number;
  weights: Float64Array;
  intercepts: Float64Array;
}

export interface SoftmaxFitOptions {
  /** L2 penalty: the loss is the weighted mean log-loss + λ/2 ‖W‖². */
  lambda: number;
  /** Per-row weights (e.g. class balancing); 1 each when absent. */
  sampleWeights?: Float64Array;
  /** Warm start (same shape). */
  init?: SoftmaxWeights;
  lbfgs?: Partial<LbfgsOptions>;
}

/** Fits softmax regression; `y[i]` in [0, classes). */
export function fitSoftmax(x: SparseRows, y: ArrayLike<number>, classes: number, options: SoftmaxFitOptions): SoftmaxWeights & { iterations: number } {
  const n = x.rows;
  const d = x.columns;
  const K = classes;
  const sw = options.sampleWeights ?? new Float64Array(n).fill(1);
  let total = 0;
  for (let i = 0; i < n; i++) total += sw[i];
  const lambda = options.lambda;
  const logits = new Float64Array(K);
  const { rowStart, indices, values } = x;
  const b = d * K;

  const objective = (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const start = rowStart[i];
      const end = rowStart[i + 1];
      const yi = y[i];
      const wi = sw[i] / total;
      if (K === 3) {
        // The 3-class case unrolled: most of the training time is spent here.
        let l0 = theta[b];
        let l1 = theta[b + 1];
        let l2 = theta[b + 2];
        for (let p = start; p < end; p++) {
          const v = values[p];
          const base = indices[p] * 3;
          l0 += v * theta[base];
          l1 += v * theta[base + 1];
          l2 += v * theta[base + 2];
        }
        const max = l0 > l1 ? (l0 > l2 ? l0 : l2) : l1 > l2 ? l1 : l2;
        const e0 = Math.exp(l0 - max);
        const e1 = Math.exp(l1 - max);
        const e2 = Math.exp(l2 - max);
        const z = e0 + e1 + e2;
        loss -= wi * Math.log(Math.max((yi === 0 ? e0 : yi === 1 ? e1 : e2) / z, 1e-300));
        const g0 = wi * (e0 / z - (yi === 0 ? 1 : 0));
        const g1 = wi * (e1 / z - (yi === 1 ? 1 : 0));
        const g2 = wi * (e2 / z - (yi === 2 ? 1 : 0));
        grad[b] += g0;
        grad[b + 1] += g1;
        grad[b + 2] += g2;
        for (let p = start; p < end; p++) {
          const v = values[p];
          const base = indices[p] * 3;
          grad[base] += v * g0;
          grad[base + 1] += v * g1;
          grad[base + 2] += v * g2;
        }
        continue;
      }
      for (let k = 0; k < K; k++) logits[k] = theta[b + k];
      for (let p = start; p < end; p++) {
        const v = values[p];
        const base = indices[p] * K;
        for (let k = 0; k < K; k++) logits[k] += v * theta[base + k];
      }
      let max = logits[0];
      for (let k = 1; k < K; k++) if (logits[k] > max) max = logits[k];
      let z = 0;
      for (let k = 0; k < K; k++) {
        logits[k] = Math.exp(logits[k] - max);
        z += logits[k];
      }
      loss -= wi * Math.log(Math.max(logits[yi] / z, 1e-300));
      for (let k = 0; k < K; k++) logits[k] = wi * (logits[k] / z - (k === yi ? 1 : 0));
      for (let k = 0; k < K; k++) grad[b + k] += logits[k];
      for (let p = start; p < end; p++) {
        const v = values[p];
        const base = indices[p] * K;
        for (let k = 0; k < K; k++) grad[base + k] += v * logits[k];
      }
    }
    let penalty = 0;
    for (let j = 0; j < b; j++) {
      const t = theta[j];
      penalty += t * t;
      grad[j] += lambda * t;
    }
    return loss + 0.5 * lambda * penalty;
  };
  const theta0 = new Float64Array(d * K + K);
  if (options.init) {
    theta0.set(options.init.weights);
    theta0.set(options.init.intercepts, d * K);
  }
  const result = minimizeLbfgs(objective, theta0, options.lbfgs);
  return { classes: K, columns: d, weights: result.x.slice(0, d * K), intercepts: result.x.slice(d * K), iterations: result.iterations };
}

/** Class probabilities for each row: `out[i * classes + k]`. */
export function softmaxProbabilities(model: SoftmaxWeights, x: SparseRows): Float64Array {
  const K = model.classes;
  const out = new Float64Array(x.rows * K);
  const logits = new Float64Array(K);
  for (let i = 0; i < x.rows; i++) {
    for (let k = 0; k < K; k++) logits[k] = model.intercepts[k];
    for (let p = x.rowStart[i]; p < x.rowStart[i + 1]; p++) {
      const j = x.indices[p];
      if (j >= model.columns) continue;
      const v = x.values[p];
      for (let k = 0; k < K; k++) logits[k] += v * model.weights[j * K + k];
    }
    let max = logits[0];
    for (let k = 1; k < K; k++) if (logits[k] > max) max = logits[k];
    let z = 0;
    for (let k = 0; k < K; k++) {
      logits[k] = Math.exp(logits[k] - max);
      z += logits[k];
    }
    for (let k = 0; k < K; k++) out[i * K + k] = logits[k] / z;
  }
  return out;
}

// ─────────────────────────────────────────────────────────────────────────── ridge

export interface RidgeWeights {
  columns: number;
  weights: Float64Array;
  intercept: number;
}

/** Ridge regression: minimises the mean squared error / 2 + λ/2 ‖w‖² (intercept unpenalised). */
export function fitRidge(x: SparseRows, y: ArrayLike<number>, options: { lambda: number; init?: RidgeWeights; lbfgs?: Partial<LbfgsOptions> }): RidgeWeights & { iterations: number } {
  const n = x.rows;
  const d = x.columns;
  const lambda = options.lambda;
  const objective = (theta: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      let pred = theta[d];
      for (let p = x.rowStart[i]; p < x.rowStart[i + 1]; p++) pred += x.values[p] * theta[x.indices[p]];
      const r = (pred - y[i]) / n;
      loss += 0.5 * (pred - y[i]) * r;
      grad[d] += r;
      for (let p = x.rowStart[i]; p < x.rowStart[i + 1]; p++) grad[x.indices[p]] += x.values[p] * r;
    }
    let penalty = 0;
    for (let j = 0; j < d; j++) {
      penalty += theta[j] * theta[j];
      grad[j] += lambda * theta[j];
    }
    return loss + 0.5 * lambda * penalty;
  };
  const theta0 = new Float64Array(d + 1);
  if (options.init) {
    theta0.set(options.init.weights);
    theta0[d] = options.init.intercept;
  } else {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += y[i];
    theta0[d] = n ? mean / n : 0;
  }
  const result = minimizeLbfgs(objective, theta0, options.lbfgs);
  return { columns: d, weights: result.x.slice(0, d), intercept: result.x[d], iterations: result.iterations };
}

export function ridgePredict(model: RidgeWeights, x: SparseRows): Float64Array {
  const out = new Float64Array(x.rows);
  for (let i = 0; i < x.rows; i++) {
    let s = model.intercept;
    for (let p = x.rowStart[i]; p < x.rowStart[i + 1]; p++) {
      const j = x.indices[p];
      if (j < model.columns) s += x.values[p] * model.weights[j];
    }
    out[i] = s;
  }
  return out;
}
