/** The offline recommender engine: pure code (no GraphQL, no TypeORM), safe in a worker thread. */
export * from "./types";
export * from "./metrics";
export { defaultRecommenderOptions, fitRecommender, Recommender, type RecommenderJson, type RecommenderOptions, type Scorer } from "./recommender";
export { evaluateRanker, evaluationCases, fixedRanker, lastItemsSplit, type EvaluationCase, type Ranker } from "./evaluation";
export { mostPopular } from "./popularity";
