import { evaluateRanker, evaluationCases, fixedRanker, lastItemsSplit, type Ranker } from "./evaluation";
import type { RankingMetrics } from "./metrics";
import { mostPopular } from "./popularity";
import { defaultRecommenderOptions, fitRecommender, type Recommender, type RecommenderOptions } from "./recommender";
import type { CatalogueItem, Interaction } from "./types";

const DAY = 86_400_000;

export function recommenderRanker(model: Recommender): Ranker {
  return (user, k, exclude) => model.recommend(user, k, exclude).map((r) => r.itemId);
}

/** Baseline rankers from train events: raw counts, and counts in the 30 days before the last event (then the rest by count). */
export function baselines(train: readonly Interaction[]): { popular: Ranker; popular30: Ranker } {
  const all = mostPopular(train);
  const last = train.reduce((m, x) => Math.max(m, x.time), -Infinity);
  const recent = mostPopular(train, last - 30 * DAY);
  const recentSet = new Set(recent);
  return { popular: fixedRanker(all), popular30: fixedRanker([...recent, ...all.filter((id) => !recentSet.has(id))]) };
}

export type Tunable = Pick<RecommenderOptions, "weights" | "trendingBeforeDays" | "trendingAfterDays" | "userHalfLifeDays">;

/** What the coordinate search varies, one setting at a time (the keys of `Tunable`, weights as `weights.<scorer>`). */
export const defaultTuningGrid: Record<string, number[]> = {
  trendingAfterDays: [10, 30, 60],
  trendingBeforeDays: [0, 1, 3, 10],
  "weights.similar": [0, 0.25, 0.5, 1],
  "weights.popular": [0, 0.1, 0.25, 0.5],
  "weights.content": [0, 0.1, 0.25, 0.5],
  userHalfLifeDays: [3, 10, 30],
};

export interface TuningResult {
  best: Tunable;
  ndcg: number;
  baselineNdcg: number;
  /** The tuned blend and the better popularity baseline on the validation split, every metric. */
  metrics: RankingMetrics;
  baseline: RankingMetrics & { name: "popular" | "popular-30d" };
  validation: { fitEvents: number; heldOut: number; users: number };
  trail: Array<Tunable & { ndcg: number }>;
}

/**
 * One pass of coordinate search over the blend's weights and half-lives, from the defaults, on a
 * validation split carved from `train` only (each user's last 20% of events by time), every
 * evaluation ranking every validation user over the whole catalogue.
 */
export function tuneRecommender(
  train: readonly Interaction[],
  items: readonly CatalogueItem[],
  k: number,
  grid: Record<string, number[]> = defaultTuningGrid,
  log: (line: string) => void = () => undefined,
): TuningResult {
  const { fit, validation } = lastItemsSplit(train);
  const catalogueIds = new Set(fit.map((x) => x.itemId));
  const model = fitRecommender(fit, items.filter((i) => catalogueIds.has(i.id)));
  const { warm } = evaluationCases(fit, validation);
  if (warm.length === 0) throw new Error("expected people with at least 5 interactions to validate on, found none");
  const { popular, popular30 } = baselines(fit);
  const p = evaluateRanker(popular, warm, k, catalogueIds.size);
  const p30 = evaluateRanker(popular30, warm, k, catalogueIds.size);
  const baseline = p30.ndcg >= p.ndcg ? { ...p30, name: "popular-30d" as const } : { ...p, name: "popular" as const };
  log(`validation: ${fit.length} fit events, ${validation.length} held out of ${warm.length} users; best baseline NDCG@${k} ${baseline.ndcg.toFixed(4)}`);
  const trail: Array<Tunable & { ndcg: number }> = [];
  const cache = new Map<string, RankingMetrics>();
  const score = (o: Tunable): RankingMetrics => {
    const key = JSON.stringify(o);
    const hit = cache.get(key);
    if (hit) return hit;
    const m = evaluateRanker(recommenderRanker(model.withOptions(o)), warm, k, catalogueIds.size);
    cache.set(key, m);
    trail.push({ ...o, ndcg: Math.round(m.ndcg * 10000) / 10000 });
    log(`  ${JSON.stringify(o)} → ${m.ndcg.toFixed(4)}`);
    return m;
  };
  let best: Tunable = {
    weights: { ...defaultRecommenderOptions.weights },
    trendingBeforeDays: defaultRecommenderOptions.trendingBeforeDays,
    trendingAfterDays: defaultRecommenderOptions.trendingAfterDays,
    userHalfLifeDays: defaultRecommenderOptions.userHalfLifeDays,
  };
  let bestMetrics = score(best);
  for (const [path, values] of Object.entries(grid)) {
    for (const v of values) {
      const o: Tunable = { ...best, weights: { ...best.weights } };
      if (path.startsWith("weights.")) o.weights[path.slice(8) as keyof Tunable["weights"]] = v;
      else (o as unknown as Record<string, number>)[path] = v;
      const m = score(o);
      if (m.ndcg > bestMetrics.ndcg + 1e-9) {
        bestMetrics = m;
        best = o;
      }
    }
  }
  return { best, ndcg: bestMetrics.ndcg, baselineNdcg: baseline.ndcg, metrics: bestMetrics, baseline, validation: { fitEvents: fit.length, heldOut: validation.length, users: warm.length }, trail };
}
