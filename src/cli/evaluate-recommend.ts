import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { evaluateRanker, evaluationCases, type EvaluationCase, type Ranker } from "../ml/recommend/evaluation";
import type { RankingMetrics } from "../ml/recommend/metrics";
import { baselines, recommenderRanker, tuneRecommender as tuneWith } from "../ml/recommend/tuning";
import { fitRecommender, type Recommender, type RecommenderOptions } from "../ml/recommend/recommender";
import type { CatalogueItem, Interaction } from "../ml/recommend/types";
import { createRng, shuffled } from "../ml/random";

/**
 * `npm run eval -- recommend --train <ratings> --test <ratings> --items <movies.dat> [--k 10] [--seed 42] [--no-tune]`
 * (formats of ../shared/data/movietweetings_100k/).
 *
 * Protocol: every test user with train history gets a full ranking of all train items minus the items they
 * rated in train; top-k precision, recall, NDCG (binary relevance: their test items), hit rate and
 * catalogue coverage, for the blend (src/ml/recommend) and two baselines: most-popular (train counts) and
 * most-popular in the 30 days before the last train timestamp; the better (by NDCG) is `baseline`.
 * The blend's weights are tuned on a validation split carved from --train only (each train user with ≥ 5
 * ratings holds out their last 20% by time), then the model is refitted on all of --train. Test users
 * without train history are reported apart (`coldStart`). Robustness: the test users are cut in two random
 * halves (seeded) and everything is scored on each. Progress on stderr; the last line of stdout is one JSON object.
 */

export const recommendUsage = `usage:
  npm run eval -- recommend --train <ratings> --test <ratings> --items <movies.dat> [--k 10] [--seed 42] [--no-tune]
ratings: user::item::rating(0-10)::unix_seconds; movies: id::Title (Year)::Genre|Genre`;


function lines(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as Error).message}`);
  }
  return text.split("\n").filter((l) => l.trim() !== "");
}

/** Ratings → interactions; every rating counts as one interaction of weight 1 (ratings-as-weights measured worse, see the report). */
export function readRatings(file: string): Interaction[] {
  return lines(file).map((l, n) => {
    const [userId, itemId, rating, ts] = l.split("::");
    const time = Number(ts) * 1000;
    if (!userId || !itemId || !Number.isFinite(Number(rating)) || !Number.isFinite(time)) {
      throw new Error(`${file}:${n + 1}: expected user::item::rating::timestamp, found ${JSON.stringify(l)}`);
    }
    return { userId, itemId, weight: 1, time };
  });
}

const stopwords = new Set(["the", "and", "of", "a", "an", "in", "on", "to", "for", "with", "la", "le", "les", "de", "el", "der", "die", "das", "at", "is", "part", "ii", "iii"]);

/** movies.dat line → features: title words, genres, decade and year. */
export function movieFeatures(line: string): CatalogueItem {
  const [id, titleYear = "", genres = ""] = line.split("::");
  const m = /^(.*)\((\d{4})\)\s*$/.exec(titleYear);
  const title = m ? m[1] : titleYear;
  const year = m ? Number(m[2]) : undefined;
  const words = title.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").split(/[^a-z0-9]+/).filter((w) => w.length > 1 && !stopwords.has(w));
  const features = [
    ...words.map((w) => `word:${w}`),
    ...genres.split("|").filter(Boolean).map((g) => `genre:${g}`),
    ...(year ? [`decade:${Math.floor(year / 10) * 10}s`, `year:${year}`] : []),
  ];
  return { id, features };
}

const round = (m: RankingMetrics): RankingMetrics =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Math.round(v * 10000) / 10000])) as unknown as RankingMetrics;

interface Scored {
  model: RankingMetrics;
  baselines: { popular: RankingMetrics; "popular-30d": RankingMetrics };
}

function scoreAll(model: Recommender, popular: Ranker, popular30: Ranker, cases: readonly EvaluationCase[], k: number, catalogue: number): Scored {
  return {
    model: round(evaluateRanker(recommenderRanker(model), cases, k, catalogue)),
    baselines: { popular: round(evaluateRanker(popular, cases, k, catalogue)), "popular-30d": round(evaluateRanker(popular30, cases, k, catalogue)) },
  };
}

function better(s: Scored): RankingMetrics & { name: "popular" | "popular-30d" } {
  const name = s.baselines["popular-30d"].ndcg >= s.baselines.popular.ndcg ? "popular-30d" : "popular";
  return { ...s.baselines[name], name };
}

export async function evaluateRecommend(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      train: { type: "string" },
      test: { type: "string" },
      items: { type: "string" },
      k: { type: "string" },
      seed: { type: "string" },
      "no-tune": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${recommendUsage}\n`);
    return;
  }
  if (!values.train || !values.test || !values.items) throw new Error(`expected --train, --test and --items\n${recommendUsage}`);
  const k = values.k === undefined ? 10 : Number(values.k);
  if (!(Number.isInteger(k) && k >= 1 && k <= 100)) throw new Error(`expected --k between 1 and 100, found ${values.k}`);
  const seed = values.seed === undefined ? 42 : Number(values.seed);
  const started = performance.now();
  const train = readRatings(values.train);
  const test = readRatings(values.test);
  const trainIds = new Set(train.map((x) => x.itemId));
  const items = lines(values.items).map(movieFeatures).filter((i) => trainIds.has(i.id));
  process.stderr.write(`train ${train.length} events, ${trainIds.size} items (${items.length} with metadata); test ${test.length} events\n`);

  const tuned = values["no-tune"] ? undefined : tuneWith(train, items, k, undefined, (line) => process.stderr.write(`${line}\n`));
  const tunedAt = performance.now();
  const options: Partial<RecommenderOptions> = tuned?.best ?? {};
  process.stderr.write(`fitting on all of --train with ${JSON.stringify(options)}\n`);
  const model = fitRecommender(train, items, options);
  const fittedAt = performance.now();
  const { popular, popular30 } = baselines(train);
  const { warm, cold } = evaluationCases(train, test);
  const catalogue = trainIds.size;
  const all = scoreAll(model, popular, popular30, warm, k, catalogue);
  const rng = createRng(seed);
  const order = shuffled(warm, rng);
  const half = Math.ceil(order.length / 2);
  const halves = [order.slice(0, half), order.slice(half)].map((cases) => {
    const s = scoreAll(model, popular, popular30, cases, k, catalogue);
    const b = better(s);
    return { users: cases.length, model: s.model, baseline: b, ratio: b.ndcg > 0 ? Math.round((s.model.ndcg / b.ndcg) * 1000) / 1000 : null, baselines: s.baselines };
  });
  const coldStart = cold.length ? scoreAll(model, popular, popular30, cold, k, catalogue) : null;
  const baseline = better(all);
  const out = {
    task: "recommend",
    k,
    model: all.model,
    baseline,
    baselines: all.baselines,
    users: warm.length,
    ndcgRatio: baseline.ndcg > 0 ? Math.round((all.model.ndcg / baseline.ndcg) * 1000) / 1000 : null,
    coldStart: { users: cold.length, ...(coldStart ?? {}) },
    halves: { seed, runs: halves },
    options: model.options,
    validation: tuned ? { ndcg: Math.round(tuned.ndcg * 10000) / 10000, baselineNdcg: Math.round(tuned.baselineNdcg * 10000) / 10000, evaluated: tuned.trail.length, trail: tuned.trail } : null,
    seconds: {
      tuning: Math.round((tunedAt - started) / 100) / 10,
      fit: Math.round((fittedAt - tunedAt) / 100) / 10,
      total: Math.round((performance.now() - started) / 100) / 10,
    },
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
