/**
 * Argument checks shared by the adapters: hyper-parameters and training matrices. Each message says
 * which algorithm, what was expected and what was found, so a typo in models/*.json fails at the first
 * fit with a clear message.
 */

function found(v: unknown): string {
  return typeof v === "string" ? JSON.stringify(v) : v === undefined ? "nothing" : JSON.stringify(v) ?? String(v);
}

/** Throws on a parameter name the algorithm does not know. */
export function checkKnown(algorithm: string, params: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(params)) {
    if (!known.includes(key)) throw new Error(`${algorithm}: unknown parameter "${key}"; expected one of ${known.join(", ") || "(none)"}`);
  }
}

export interface NumberRule {
  min?: number;
  max?: number;
  /** The bound is excluded. */
  minExclusive?: boolean;
  integer?: boolean;
}

/** The value of `params[key]` as a number, or `fallback` when absent. */
export function numberParam(algorithm: string, params: Record<string, unknown>, key: string, fallback: number, rule: NumberRule = {}): number {
  const v = params[key];
  if (v === undefined) return fallback;
  const ok =
    typeof v === "number" &&
    Number.isFinite(v) &&
    (!rule.integer || Number.isInteger(v)) &&
    (rule.min === undefined || (rule.minExclusive ? v > rule.min : v >= rule.min)) &&
    (rule.max === undefined || v <= rule.max);
  if (!ok) {
    const kind = rule.integer ? "a whole number" : "a number";
    const range = [rule.min !== undefined ? `${rule.minExclusive ? ">" : "≥"} ${rule.min}` : "", rule.max !== undefined ? `≤ ${rule.max}` : ""].filter(Boolean).join(" and ");
    throw new Error(`${algorithm}: expected ${key} to be ${kind}${range ? ` ${range}` : ""}, found ${found(v)}`);
  }
  return v;
}

export function booleanParam(algorithm: string, params: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const v = params[key];
  if (v === undefined) return fallback;
  if (typeof v !== "boolean") throw new Error(`${algorithm}: expected ${key} to be true or false, found ${found(v)}`);
  return v;
}

export function choiceParam<T extends string>(algorithm: string, params: Record<string, unknown>, key: string, choices: readonly T[], fallback: T): T {
  const v = params[key];
  if (v === undefined) return fallback;
  if (!choices.includes(v as T)) throw new Error(`${algorithm}: expected ${key} to be one of ${choices.map((c) => `"${c}"`).join(", ")}, found ${found(v)}`);
  return v as T;
}

/** Throws unless X is a non-empty matrix of finite numbers with rows of one width (and y matches). */
export function checkMatrix(algorithm: string, X: readonly number[][], y?: readonly number[]): number {
  if (X.length === 0) throw new Error(`${algorithm}: expected at least one training row, found none`);
  const width = X[0].length;
  for (let i = 0; i < X.length; i++) {
    const row = X[i];
    if (row.length !== width) throw new Error(`${algorithm}: expected ${width} columns in every row, found ${row.length} in row ${i}`);
    for (let j = 0; j < width; j++) if (!Number.isFinite(row[j])) throw new Error(`${algorithm}: expected finite inputs, found ${row[j]} in row ${i}, column ${j}`);
  }
  if (y) {
    if (y.length !== X.length) throw new Error(`${algorithm}: expected one target per row, found ${X.length} rows and ${y.length} targets`);
    for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i])) throw new Error(`${algorithm}: expected finite targets, found ${y[i]} in row ${i}`);
  }
  return width;
}

/** Throws unless every label is 0 or 1. */
export function checkBinary(algorithm: string, y: readonly number[]): void {
  for (let i = 0; i < y.length; i++) if (y[i] !== 0 && y[i] !== 1) throw new Error(`${algorithm}: expected labels 0 or 1, found ${y[i]} in row ${i}`);
}

/** Throws when an estimator is used before `fit`. */
export function notFitted(algorithm: string): never {
  throw new Error(`${algorithm}: expected a fitted model, found one that was never fitted (call fit first)`);
}
