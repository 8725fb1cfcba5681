/**
 * Limited-memory BFGS for smooth convex objectives (the L2-penalised softmax and ridge losses here):
 * full-batch, so deterministic for a given data order. Two-loop recursion with `memory` correction
 * pairs and a backtracking line search on the Armijo condition.
 */

export interface LbfgsOptions {
  /** Most iterations (each one gradient evaluation plus line-search trials). */
  maxIterations: number;
  /** Correction pairs kept. */
  memory: number;
  /** Stop when the largest gradient component falls below this. */
  gradientTolerance: number;
  /** Stop when the objective falls by less than this fraction of itself in one step. */
  relativeTolerance: number;
}

export const defaultLbfgsOptions: LbfgsOptions = { maxIterations: 200, memory: 10, gradientTolerance: 1e-5, relativeTolerance: 1e-7 };

/** Writes ∇f(x) into `grad` and returns f(x). */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Largest |aᵢ|; NaN when any component is NaN (so a tolerance test on it fails). */
function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (Number.isNaN(v)) return Number.NaN;
    if (v > m) m = v;
  }
  return m;
}

/** Minimises `f` from `x0` (not modified). */
export function minimizeLbfgs(f: Objective, x0: Float64Array, options: Partial<LbfgsOptions> = {}): LbfgsResult {
  const o = { ...defaultLbfgsOptions, ...options };
  const n = x0.length;
  const M = Math.max(1, o.memory);
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let value = f(x, g);
  if (!Number.isFinite(value)) throw new Error(`L-BFGS: expected a finite objective at the start, found ${value}`);
  // Ring buffers of correction pairs: pair j lives in slot (head + j) % M.
  const s = Array.from({ length: M }, () => new Float64Array(n));
  const y = Array.from({ length: M }, () => new Float64Array(n));
  const rho = new Float64Array(M);
  const alpha = new Float64Array(M);
  let head = 0;
  let count = 0;
  const dir = new Float64Array(n);
  let xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  let sSpare = new Float64Array(n);
  let ySpare = new Float64Array(n);
  if (maxAbs(g) < o.gradientTolerance) return { x, value, iterations: 0, converged: true };

  for (let iter = 1; iter <= o.maxIterations; iter++) {
    // Two-loop recursion: dir = −H·g.
    for (let i = 0; i < n; i++) dir[i] = -g[i];
    for (let j = count - 1; j >= 0; j--) {
      const slot = (head + j) % M;
      const sj = s[slot];
      const yj = y[slot];
      const a = rho[slot] * dot(sj, dir);
      alpha[slot] = a;
      for (let i = 0; i < n; i++) dir[i] -= a * yj[i];
    }
    if (count > 0) {
      const last = (head + count - 1) % M;
      const gamma = 1 / (rho[last] * dot(y[last], y[last]));
      for (let i = 0; i < n; i++) dir[i] *= gamma;
    } else {
      const gamma = 1 / Math.max(1, Math.sqrt(dot(g, g)));
      for (let i = 0; i < n; i++) dir[i] *= gamma;
    }
    for (let j = 0; j < count; j++) {
      const slot = (head + j) % M;
      const sj = s[slot];
      const b = alpha[slot] - rho[slot] * dot(y[slot], dir);
      for (let i = 0; i < n; i++) dir[i] += b * sj[i];
    }
    let slope = dot(g, dir);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): forget the history and go down the gradient.
      count = 0;
      for (let i = 0; i < n; i++) dir[i] = -g[i];
      slope = -dot(g, g);
    }
    // Backtracking line search (Armijo).
    let step = 1;
    let newValue = Number.POSITIVE_INFINITY;
    for (let trial = 0; trial < 40; trial++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i] + step * dir[i];
      newValue = f(xNew, gNew);
      if (newValue <= value + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(newValue <= value)) return { x, value, iterations: iter, converged: false };
    let sy = 0;
    for (let i = 0; i < n; i++) {
      const si = xNew[i] - x[i];
      const yi = gNew[i] - g[i];
      sSpare[i] = si;
      ySpare[i] = yi;
      sy += si * yi;
    }
    if (sy > 1e-12) {
      // Keep the pair (curvature condition holds): it takes the next slot, or the oldest one's.
      const slot = count < M ? (head + count) % M : head;
      [s[slot], sSpare] = [sSpare, s[slot]];
      [y[slot], ySpare] = [ySpare, y[slot]];
      rho[slot] = 1 / sy;
      if (count < M) count++;
      else head = (head + 1) % M;
    }
    const previous = value;
    [x, xNew] = [xNew, x];
    [g, gNew] = [gNew, g];
    value = newValue;
    if (maxAbs(g) < o.gradientTolerance) return { x, value, iterations: iter, converged: true };
    if (previous - value <= o.relativeTolerance * Math.max(1, Math.abs(value))) return { x, value, iterations: iter, converged: true };
  }
  return { x, value, iterations: o.maxIterations, converged: false };
}
