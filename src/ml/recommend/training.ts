import { packArtifact } from "../artifact";
import type { TrainOutcome } from "../training/run-training";
import type { CandidateResult, Metrics, SelectionResult } from "../types";
import { evaluateRanker, evaluationCases, lastItemsSplit } from "./evaluation";
import { fitRecommender } from "./recommender";
import { baselines, recommenderRanker, tuneRecommender } from "./tuning";
import type { Interaction } from "./types";

/** One training run of the recommender's blend, as plain data (it crosses into a worker thread). */
export interface RankingTrainJob {
  kind: "ranking";
  users: Int32Array;
  items: Int32Array;
  weights: Float32Array;
  times: Float64Array;
  catalogue: Array<{ id: string; features: string[] }>;
  grid: Record<string, number[]>;
  k: number;
  metric: "ndcg" | "precision" | "recall" | "hitRate";
}

/** The artifact of a ranking version: the blend's tuned options. */
export interface BlendArtifact {
  name: "recommenderBlend";
  version: 1;
  options: Record<string, unknown>;
}

/**
 * The recommender's blend, tuned on each person's first 80% of events (the tuning validates on a split of
 * those) and scored on their last 20%, beside the popularity baseline the tuning found better, in the shape
 * of any training outcome so the model service stores, promotes and shows it like every version. Its
 * "importances" are the tuned blend's weights.
 */
export function runRankingTraining(job: RankingTrainJob, onProgress: (done: number, total: number, label: string) => void = () => undefined): TrainOutcome {
  const started = performance.now();
  const interactions: Interaction[] = new Array(job.users.length);
  for (let i = 0; i < job.users.length; i++) interactions[i] = { userId: String(job.users[i]), itemId: String(job.items[i]), weight: job.weights[i], time: job.times[i] };
  const total = 1 + Object.values(job.grid).reduce((s, v) => s + v.length, 0);
  let done = 0;
  // Each person's last 20% of events are held out from everything: the tuning (which carves its own
  // validation split from the rest) never sees them, so the holdout scores are not the tuning's own.
  const { fit: tuningPart, validation: heldOut } = lastItemsSplit(interactions);
  const result = tuneRecommender(tuningPart, job.catalogue, job.k, job.grid, () => onProgress(Math.min(++done, total + 1), total + 1, "coordinate search"));
  onProgress(total, total + 1, "holdout");
  const known = new Set(tuningPart.map((x) => x.itemId));
  const tuned = fitRecommender(tuningPart, job.catalogue.filter((i) => known.has(i.id)), result.best);
  const { warm } = evaluationCases(tuningPart, heldOut);
  const { popular, popular30 } = baselines(tuningPart);
  const holdoutModel = evaluateRanker(recommenderRanker(tuned), warm, job.k, known.size);
  // The baseline the tuning found better, not the better one on the holdout.
  const holdoutBaseline = evaluateRanker(result.baseline.name === "popular-30d" ? popular30 : popular, warm, job.k, known.size);
  const pick = (m: object): Metrics => Object.fromEntries(["ndcg", "precision", "recall", "hitRate", "coverage"].map((k) => [k, (m as Record<string, number>)[k]])) as Metrics;
  const candidates: CandidateResult[] = result.trail.map((t) => {
    const { ndcg, ...params } = t;
    return { algorithm: "blend" as CandidateResult["algorithm"], params, folds: [], mean: { ndcg } as Metrics, std: {}, fitSeconds: 0 };
  });
  const best: CandidateResult = { algorithm: "blend" as CandidateResult["algorithm"], params: { ...result.best }, folds: [], mean: pick(result.metrics), std: {}, fitSeconds: 0 };
  const selection: SelectionResult = {
    metric: job.metric as SelectionResult["metric"],
    baseline: { algorithm: result.baseline.name as CandidateResult["algorithm"], params: {}, folds: [], mean: pick(result.baseline), std: {}, fitSeconds: 0 },
    candidates: [best, ...candidates.filter((c) => JSON.stringify(c.params) !== JSON.stringify(best.params))],
    best,
  };
  const weights = result.best.weights as Record<string, number>;
  const seconds = (performance.now() - started) / 1000;
  return {
    selection,
    holdout: { rows: warm.length, model: pick(holdoutModel), baseline: pick(holdoutBaseline) },
    importances: Object.entries(weights).map(([feature, w]) => ({ feature: `weight of ${feature}`, importance: w, std: 0 })).sort((a, b) => b.importance - a.importance),
    artifact: packArtifact({ name: "recommenderBlend", version: 1, options: { ...result.best } } satisfies BlendArtifact),
    trainingRows: interactions.length,
    seconds: { selection: seconds, holdout: 0, importance: 0, final: 0, total: seconds },
  };
}
