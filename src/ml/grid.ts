import { createRng } from "./random";
import type { Candidate, CandidateSpec } from "./types";

/**
 * A candidate spec's parameter grid → candidates. "grid" search: the cartesian product, the first key
 * varying slowest (in the grid's key order). "random" search: `samples` distinct combinations drawn
 * with a seeded RNG (all of them, in grid order, when `samples` ≥ the grid size).
 */

export const defaultGridOptions = { seed: 42, search: "grid" as const };

/** Number of combinations of a grid (1 for an empty grid). */
export function gridSize(grid: Record<string, unknown[]>): number {
  return Object.values(grid).reduce((n, values) => n * values.length, 1);
}

function checkGrid(spec: CandidateSpec): void {
  if (spec.grid === null || typeof spec.grid !== "object" || Array.isArray(spec.grid)) {
    throw new Error(`${spec.algorithm}: expected grid to be an object of parameter → list of values, found ${JSON.stringify(spec.grid)}`);
  }
  for (const [key, values] of Object.entries(spec.grid)) {
    if (!Array.isArray(values) || values.length === 0) throw new Error(`${spec.algorithm}: expected grid.${key} to be a non-empty list of values, found ${JSON.stringify(values)}`);
  }
}

/** The combination at `index` in grid order (mixed radix, last key fastest). */
function combination(keys: readonly string[], grid: Record<string, unknown[]>, index: number): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  let rest = index;
  for (let k = keys.length - 1; k >= 0; k--) {
    const values = grid[keys[k]];
    params[keys[k]] = values[rest % values.length];
    rest = Math.floor(rest / values.length);
  }
  // Keep the grid's key order in the params object.
  return Object.fromEntries(keys.map((k) => [k, params[k]]));
}

/** Expands one candidate spec; `seed` drives random search. */
export function expandGrid(spec: CandidateSpec, seed: number = defaultGridOptions.seed): Candidate[] {
  checkGrid(spec);
  const search = spec.search ?? defaultGridOptions.search;
  const keys = Object.keys(spec.grid);
  const total = gridSize(spec.grid);
  const at = (i: number): Candidate => ({ algorithm: spec.algorithm, params: combination(keys, spec.grid, i) });
  switch (search) {
    case "grid":
      return Array.from({ length: total }, (_, i) => at(i));
    case "random": {
      const samples = spec.samples;
      if (samples === undefined || !Number.isInteger(samples) || samples < 1) {
        throw new Error(`${spec.algorithm}: expected samples to be a whole number ≥ 1 for random search, found ${JSON.stringify(samples ?? null)}`);
      }
      if (samples >= total) return Array.from({ length: total }, (_, i) => at(i));
      // Distinct indices: a partial Fisher–Yates over the index range, kept sparse so huge grids cost O(samples).
      const rng = createRng(`grid:${spec.algorithm}:${seed}`);
      const swapped = new Map<number, number>();
      const picked: number[] = [];
      for (let i = 0; i < samples; i++) {
        const j = i + rng.int(total - i);
        const vi = swapped.get(i) ?? i;
        const vj = swapped.get(j) ?? j;
        swapped.set(j, vi);
        picked.push(vj);
      }
      return picked.map(at);
    }
    default:
      throw new Error(`${spec.algorithm}: expected search "grid" or "random", found ${JSON.stringify(search)}`);
  }
}

/** Expands every candidate spec, in order. */
export function expandCandidates(specs: readonly CandidateSpec[], seed: number = defaultGridOptions.seed): Candidate[] {
  return specs.flatMap((s) => expandGrid(s, seed));
}
