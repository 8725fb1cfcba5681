/**
 * Top-k ranking metrics with binary relevance (Gorse `model/cf/evaluator.go`): `targets` are the items the
 * user really consumed in the test period, `ranked` is the list the recommender returned, best first.
 * Pure functions; an empty target set scores 0 (callers skip such users).
 */

function hitsAt(targets: ReadonlySet<string>, ranked: readonly string[], k: number): number {
  let hits = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (targets.has(ranked[i])) hits++;
  return hits;
}

/** Hits in the first k over k (a short list is still divided by k). */
export function precisionAtK(targets: ReadonlySet<string>, ranked: readonly string[], k: number): number {
  return k > 0 ? hitsAt(targets, ranked, k) / k : 0;
}

/** Hits in the first k over the number of targets. */
export function recallAtK(targets: ReadonlySet<string>, ranked: readonly string[], k: number): number {
  return targets.size > 0 ? hitsAt(targets, ranked, k) / targets.size : 0;
}

/** 1 when at least one target is in the first k. */
export function hitRateAtK(targets: ReadonlySet<string>, ranked: readonly string[], k: number): number {
  return hitsAt(targets, ranked, k) > 0 ? 1 : 0;
}

/** DCG of the first k (gain 1 / log2(rank + 1), rank from 1) over the DCG of the ideal list of min(k, |targets|) hits. */
export function ndcgAtK(targets: ReadonlySet<string>, ranked: readonly string[], k: number): number {
  let dcg = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (targets.has(ranked[i])) dcg += 1 / Math.log2(i + 2);
  let idcg = 0;
  for (let i = 0; i < Math.min(k, targets.size); i++) idcg += 1 / Math.log2(i + 2);
  return idcg > 0 ? dcg / idcg : 0;
}

/** Distinct items over all recommendation lists, over the catalogue size. */
export function catalogueCoverage(lists: Iterable<readonly string[]>, catalogueSize: number): number {
  if (catalogueSize <= 0) return 0;
  const seen = new Set<string>();
  for (const list of lists) for (const item of list) seen.add(item);
  return seen.size / catalogueSize;
}

export interface RankingMetrics {
  precision: number;
  recall: number;
  ndcg: number;
  hitRate: number;
  coverage: number;
}

/** Means over users of precision, recall, NDCG and hit rate at k, plus catalogue coverage of all the lists. */
export function rankingMetrics(
  cases: ReadonlyArray<{ targets: ReadonlySet<string>; ranked: readonly string[] }>,
  k: number,
  catalogueSize: number,
): RankingMetrics {
  const n = cases.length;
  const mean = (f: (t: ReadonlySet<string>, r: readonly string[], k: number) => number) =>
    n === 0 ? 0 : cases.reduce((s, c) => s + f(c.targets, c.ranked, k), 0) / n;
  return {
    precision: mean(precisionAtK),
    recall: mean(recallAtK),
    ndcg: mean(ndcgAtK),
    hitRate: mean(hitRateAtK),
    coverage: catalogueCoverage(cases.map((c) => c.ranked.slice(0, k)), catalogueSize),
  };
}
