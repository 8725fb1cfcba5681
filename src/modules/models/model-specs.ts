import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createEstimator } from "../../ml/estimator";
import type { AlgorithmName, CandidateSpec, FeatureSpec, MetricName, PreprocessOptions, SelectionSpec, Task } from "../../ml/types";
import { postFeatures } from "../predictions/post-features";
import { extraFeature, topicFeature, userFeatures } from "../predictions/user-features";

/** "text": models of labelled texts (the learned sentiment model), trained on the stored examples. */
export type ModelEntity = "post" | "user" | "text" | "interaction";
/** The engine's tasks, plus "sentiment" (text labels with a score) and "ranking" (the recommender's blend). */
export type ModelTask = Task | "sentiment" | "ranking";

/** What each entity's models can predict, and as which task. */
export const targets: Record<ModelEntity, Record<string, ModelTask>> = {
  post: { engagements: "regression", impressions: "regression", shares: "regression", clicks: "regression", viral: "binary" },
  user: { converted: "binary", churned: "binary" },
  text: { label: "sentiment" },
  interaction: { next: "ranking" },
};

/**
 * The specs the API serves by name, and what each must be to be served there: a spec named "virality"
 * with a regression task would otherwise be promoted and served as a probability.
 */
export const servedModels: Readonly<Record<string, { entity: ModelEntity; task: ModelTask; target?: string; servedAs: string }>> = {
  engagement: { entity: "post", task: "regression", servedAs: "Post.predictedEngagement and predictPost" },
  virality: { entity: "post", task: "binary", target: "viral", servedAs: "Post.viralProbability and predictPost" },
  conversion: { entity: "user", task: "binary", target: "converted", servedAs: "User.conversionProbability" },
  churn: { entity: "user", task: "binary", target: "churned", servedAs: "User.churnProbability" },
  segments: { entity: "user", task: "clustering", servedAs: "segments" },
  sentiment: { entity: "text", task: "sentiment", servedAs: "sentiment scoring" },
  recommendations: { entity: "interaction", task: "ranking", servedAs: "recommendations" },
};

/** Problems of a spec whose name the API serves but whose entity, task or target it cannot serve there. */
function servedProblems(raw: Json, name: string): string[] {
  const need = servedModels[name];
  if (!need) return [];
  const found = (v: unknown) => JSON.stringify(v);
  const out: string[] = [];
  if (raw.entity !== need.entity) out.push(`entity: "${name}" is served as ${need.servedAs}, which needs entity "${need.entity}", found ${found(raw.entity)}`);
  if (raw.task !== need.task) out.push(`task: "${name}" is served as ${need.servedAs}, which needs task "${need.task}", found ${found(raw.task)}`);
  if (need.target && raw.target !== need.target) out.push(`target: "${name}" is served as ${need.servedAs}, which needs target "${need.target}", found ${found(raw.target)}`);
  return out;
}

/** What a ranking model's grid may vary: the recommender blend's weights and half-lives (src/ml/recommend/tuning.ts). */
export const rankingGridKeys = ["weights.similar", "weights.content", "weights.trending", "weights.popular", "trendingBeforeDays", "trendingAfterDays", "userHalfLifeDays"] as const;
export const rankingMetrics = ["ndcg", "precision", "recall", "hitRate"] as const;

/** What a text model's grid may vary (src/nlp/learned-sentiment.ts TrainOptions), and the metrics it selects by. */
export const textGridKeys = ["lambda", "ridgeLambda", "classWeights", "embeddings"] as const;
export const textMetrics = ["macroRecall", "macroF1", "accuracy"] as const;
export type TextMetric = (typeof textMetrics)[number];

/** A validated model specification (models/<name>.json). */
export interface ModelSpec {
  name: string;
  description: string;
  entity: ModelEntity;
  task: ModelTask;
  target: string;
  features: FeatureSpec[];
  preprocess: Partial<PreprocessOptions>;
  candidates: CandidateSpec[];
  selection: { metric: MetricName; folds: number; seed: number; holdout: number; k?: number };
  promotion: { margin: number; minGainOverBaseline: number };
  minRows: number;
  /** The file it came from. */
  file: string;
}

const algorithms: AlgorithmName[] = ["baseline", "linearRegression", "logisticRegression", "randomForest", "gradientBoosting", "mlRandomForest", "kmeans"];
const metricsByTask: Record<Task, MetricName[]> = {
  regression: ["mae", "rmse", "r2", "mape"],
  binary: ["rocAuc", "prAuc", "logLoss", "accuracy", "precision", "recall", "f1"],
  clustering: ["silhouette"],
};
const lowerIsBetter = new Set<MetricName>(["mae", "rmse", "mape", "logLoss"]);

/** Whether a higher value of the metric is better. */
export function higherIsBetter(metric: MetricName): boolean {
  return !lowerIsBetter.has(metric);
}

/** A spec that cannot be used, with every reason. */
export class InvalidSpecError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join("; ")}`);
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The promotion rule and minimum rows of a text or ranking spec (at least 20 rows, 50 by default). */
function promotionOf(raw: Json, problems: string[]): { promotion: ModelSpec["promotion"]; minRows: number } {
  const minRows = raw.minRows ?? 50;
  if (typeof minRows !== "number" || minRows < 20) problems.push(`minRows: expected a number ≥ 20, found ${JSON.stringify(minRows)}`);
  return { promotion: promotionRule(raw, problems), minRows: minRows as number };
}

/** `promotion`: the gains a new version needs over the active version (margin) and over the baseline, as fractions in [0, 1). */
function promotionRule(raw: Json, problems: string[]): ModelSpec["promotion"] {
  if (raw.promotion !== undefined && !isObject(raw.promotion)) problems.push(`promotion: expected an object, found ${JSON.stringify(raw.promotion)}`);
  const prom = isObject(raw.promotion) ? raw.promotion : {};
  const fraction = (key: "margin" | "minGainOverBaseline"): number => {
    const v = prom[key] ?? 0;
    if (typeof v !== "number" || !(v >= 0 && v < 1)) {
      problems.push(`promotion.${key}: expected a fraction from 0 to below 1, found ${JSON.stringify(prom[key])}`);
      return 0;
    }
    return v;
  };
  return { margin: fraction("margin"), minGainOverBaseline: fraction("minGainOverBaseline") };
}

/** `preprocess`: an object of the engine's options (src/ml/types.ts PreprocessOptions), each checked here rather than at training. */
function preprocessOf(raw: unknown, problems: string[]): Partial<PreprocessOptions> {
  if (raw === undefined) return {};
  const found = (v: unknown) => JSON.stringify(v);
  if (!isObject(raw)) {
    problems.push(`preprocess: expected an object such as { "targetTransform": "log1p" }, found ${found(raw)}`);
    return {};
  }
  const known = ["scale", "maxCategories", "targetTransform", "missingIndicators"];
  for (const key of Object.keys(raw)) if (!known.includes(key)) problems.push(`preprocess: unknown option ${found(key)} (known: ${known.join(", ")})`);
  if (raw.maxCategories !== undefined && !(typeof raw.maxCategories === "number" && Number.isInteger(raw.maxCategories) && raw.maxCategories >= 1)) {
    problems.push(`preprocess.maxCategories: expected a whole number ≥ 1, found ${found(raw.maxCategories)}`);
  }
  if (raw.targetTransform !== undefined && raw.targetTransform !== "none" && raw.targetTransform !== "log1p") problems.push(`preprocess.targetTransform: expected "none" or "log1p", found ${found(raw.targetTransform)}`);
  for (const key of ["scale", "missingIndicators"]) if (raw[key] !== undefined && typeof raw[key] !== "boolean") problems.push(`preprocess.${key}: expected true or false, found ${found(raw[key])}`);
  return raw as Partial<PreprocessOptions>;
}

/**
 * A text model's spec: the learned sentiment model over the stored labelled examples. Its one candidate
 * is "learnedSentiment" with a grid over penalties, class weighting and word vectors; the trainer
 * cross-validates the grid itself.
 */
function validateTextSpec(raw: Json, file: string, name: string): ModelSpec {
  const problems: string[] = [];
  const found = (v: unknown) => JSON.stringify(v);
  if (raw.task !== "sentiment") problems.push(`task: expected "sentiment" for a text model, found ${found(raw.task)}`);
  if (raw.target !== undefined && raw.target !== "label") problems.push(`target: expected "label" (or none) for a text model, found ${found(raw.target)}`);
  if (raw.features !== undefined && JSON.stringify(raw.features) !== JSON.stringify(["text"])) problems.push(`features: expected ["text"] (or none) for a text model, found ${found(raw.features)}`);
  const candidates: CandidateSpec[] = [];
  if (!Array.isArray(raw.candidates) || raw.candidates.length !== 1 || !isObject(raw.candidates[0]) || raw.candidates[0].algorithm !== "learnedSentiment") {
    problems.push(`candidates: expected one candidate { "algorithm": "learnedSentiment", "grid": { … } }, found ${found(raw.candidates)}`);
  } else {
    const grid = (raw.candidates[0].grid ?? {}) as Json;
    if (!isObject(grid)) problems.push(`candidates[0].grid: expected an object of value lists, found ${found(grid)}`);
    else {
      for (const [key, list] of Object.entries(grid)) {
        if (!(textGridKeys as readonly string[]).includes(key)) problems.push(`candidates[0].grid: unknown key ${found(key)} (known: ${textGridKeys.join(", ")})`);
        else if (!Array.isArray(list) || list.length === 0) problems.push(`candidates[0].grid.${key}: expected a non-empty list, found ${found(list)}`);
        else if ((key === "lambda" || key === "ridgeLambda") && !list.every((v) => typeof v === "number" && v > 0 && v < 10)) problems.push(`candidates[0].grid.${key}: expected penalties in (0, 10), found ${found(list)}`);
        else if (key === "classWeights" && !list.every((v) => v === "none" || v === "balanced")) problems.push(`candidates[0].grid.classWeights: expected "none" or "balanced", found ${found(list)}`);
        else if (key === "embeddings" && !(list.length === 1 && typeof list[0] === "boolean")) problems.push(`candidates[0].grid.embeddings: expected [true] or [false], found ${found(list)}`);
      }
      candidates.push({ algorithm: "learnedSentiment" as AlgorithmName, grid: grid as Record<string, unknown[]> });
    }
  }
  const sel = isObject(raw.selection) ? raw.selection : {};
  const metric = sel.metric;
  if (!(textMetrics as readonly unknown[]).includes(metric)) problems.push(`selection.metric: expected one of ${textMetrics.join(", ")}, found ${found(metric)}`);
  const folds = sel.folds ?? 3;
  if (typeof folds !== "number" || !Number.isInteger(folds) || folds < 2 || folds > 10) problems.push(`selection.folds: expected a whole number from 2 to 10, found ${found(folds)}`);
  const holdout = sel.holdout ?? 0.2;
  if (typeof holdout !== "number" || holdout <= 0 || holdout >= 0.5) problems.push(`selection.holdout: expected a fraction between 0 and 0.5, found ${found(holdout)}`);
  const { promotion, minRows } = promotionOf(raw, problems);
  if (problems.length) throw new InvalidSpecError(file, problems);
  return {
    name,
    description: typeof raw.description === "string" ? raw.description : "",
    entity: "text",
    task: "sentiment",
    target: "label",
    features: [{ name: "text", kind: "categorical" }],
    preprocess: {},
    candidates,
    selection: { metric: metric as MetricName, folds: folds as number, seed: typeof sel.seed === "number" ? sel.seed : 42, holdout: holdout as number },
    promotion,
    minRows,
    file,
  };
}

/**
 * A ranking model's spec: the recommender's blend over everyone's interactions, its weights and
 * half-lives tuned by one pass of coordinate search over the grid on a split of the data (each person's
 * last 20%), scored against the better popularity baseline.
 */
function validateRankingSpec(raw: Json, file: string, name: string): ModelSpec {
  const problems: string[] = [];
  const found = (v: unknown) => JSON.stringify(v);
  if (raw.task !== "ranking") problems.push(`task: expected "ranking" for an interaction model, found ${found(raw.task)}`);
  if (raw.target !== undefined && raw.target !== "next") problems.push(`target: expected "next" (or none), found ${found(raw.target)}`);
  const candidates: CandidateSpec[] = [];
  if (!Array.isArray(raw.candidates) || raw.candidates.length !== 1 || !isObject(raw.candidates[0]) || raw.candidates[0].algorithm !== "blend") {
    problems.push(`candidates: expected one candidate { "algorithm": "blend", "grid": { … } }, found ${found(raw.candidates)}`);
  } else {
    const grid = (raw.candidates[0].grid ?? {}) as Json;
    if (!isObject(grid)) problems.push(`candidates[0].grid: expected an object of value lists, found ${found(grid)}`);
    else {
      for (const [key, list] of Object.entries(grid)) {
        if (!(rankingGridKeys as readonly string[]).includes(key)) problems.push(`candidates[0].grid: unknown key ${found(key)} (known: ${rankingGridKeys.join(", ")})`);
        else if (!Array.isArray(list) || list.length === 0 || !list.every((v) => typeof v === "number" && v >= 0 && v <= 365)) problems.push(`candidates[0].grid.${key}: expected a non-empty list of numbers in [0, 365], found ${found(list)}`);
      }
      candidates.push({ algorithm: "blend" as AlgorithmName, grid: grid as Record<string, unknown[]> });
    }
  }
  const sel = isObject(raw.selection) ? raw.selection : {};
  const metric = sel.metric;
  if (!(rankingMetrics as readonly unknown[]).includes(metric)) problems.push(`selection.metric: expected one of ${rankingMetrics.join(", ")}, found ${found(metric)}`);
  const k = sel.k ?? 10;
  if (typeof k !== "number" || !Number.isInteger(k) || k < 1 || k > 100) problems.push(`selection.k: expected a whole number from 1 to 100, found ${found(k)}`);
  const { promotion, minRows } = promotionOf(raw, problems);
  if (problems.length) throw new InvalidSpecError(file, problems);
  return {
    name,
    description: typeof raw.description === "string" ? raw.description : "",
    entity: "interaction",
    task: "ranking",
    target: "next",
    features: [{ name: "interactions", kind: "numeric" }],
    preprocess: {},
    candidates,
    selection: { metric: metric as MetricName, folds: 1, seed: typeof sel.seed === "number" ? sel.seed : 42, holdout: 0.2, k: k as number },
    promotion,
    minRows,
    file,
  };
}

/** Validates a parsed spec; every problem says where, what was expected and what was found. */
export function validateSpec(raw: unknown, file: string): ModelSpec {
  const problems: string[] = [];
  const found = (v: unknown) => JSON.stringify(v);
  if (!isObject(raw)) throw new InvalidSpecError(file, [`expected a JSON object, found ${found(raw)}`]);
  if (raw.entity === "text" || raw.entity === "interaction") {
    const ownName = raw.name;
    const expected = path.basename(file, ".json");
    if (typeof ownName !== "string" || ownName !== expected) throw new InvalidSpecError(file, [`name: expected "${expected}" (the file's name), found ${found(ownName)}`]);
    const served = servedProblems(raw, ownName);
    if (served.length) throw new InvalidSpecError(file, served);
    return raw.entity === "text" ? validateTextSpec(raw, file, ownName) : validateRankingSpec(raw, file, ownName);
  }
  const name = raw.name;
  const expectedName = path.basename(file, ".json");
  if (typeof name !== "string" || !/^[a-z][a-z0-9-]{0,40}$/.test(name)) problems.push(`name: expected lower-case letters, digits or -, found ${found(name)}`);
  else if (name !== expectedName) problems.push(`name: expected "${expectedName}" (the file's name), found ${found(name)}`);
  else problems.push(...servedProblems(raw, name));
  const entity = raw.entity as ModelEntity;
  if (entity !== "post" && entity !== "user") problems.push(`entity: expected "post", "user", "text" or "interaction", found ${found(entity)}`);
  const task = raw.task as Task;
  if (!["regression", "binary", "clustering"].includes(task)) problems.push(`task: expected "regression", "binary" or "clustering" (for entity "post" or "user"; "sentiment" with entity "text", "ranking" with entity "interaction"), found ${found(task)}`);
  const target = task === "clustering" ? (raw.target ?? "") : raw.target;
  const entityTargets = targets[entity] ?? {};
  if (task === "clustering") {
    // Clustering learns groups from the features alone.
    if (target !== "") problems.push(`target: a clustering model has no target, found ${found(raw.target)}`);
  } else if (typeof target !== "string" || !(target in entityTargets)) {
    problems.push(`target: expected one of ${Object.keys(entityTargets).join(", ") || "(a valid entity first)"}, found ${found(target)}`);
  } else if (entityTargets[target as string] !== task) {
    problems.push(`target: "${target}" is a ${entityTargets[target]} target, but the task is ${found(task)}`);
  }
  const features: FeatureSpec[] = [];
  const catalog: Record<string, { kind: FeatureSpec["kind"] }> = entity === "user" ? userFeatures : postFeatures;
  if (!Array.isArray(raw.features) || raw.features.length === 0) problems.push(`features: expected a non-empty list, found ${found(raw.features)}`);
  else {
    raw.features.forEach((f, i) => {
      const fname = typeof f === "string" ? f : isObject(f) ? f.name : undefined;
      if (typeof fname !== "string") return problems.push(`features[${i}]: expected a feature name or { name, kind }, found ${found(f)}`);
      if (fname in catalog) return features.push({ name: fname, kind: catalog[fname].kind });
      if (entity === "user" && (fname === "topic.*" || topicFeature(fname))) return features.push({ name: fname, kind: "numeric" });
      if (entity === "user" && extraFeature(fname) && isObject(f) && ["numeric", "categorical", "boolean"].includes(f.kind as string)) {
        return features.push({ name: fname, kind: f.kind as FeatureSpec["kind"] });
      }
      problems.push(
        entity === "user" && extraFeature(fname)
          ? `features[${i}]: expected { "name": ${found(fname)}, "kind": "numeric" | "categorical" | "boolean" }, found ${found(f)}`
          : `features[${i}]: unknown feature ${found(fname)} for a ${entity} model (known: ${Object.keys(catalog).join(", ")}${entity === "user" ? ", extra.<attribute>, topic.<category>, topic.*" : ""})`,
      );
    });
    const names = features.map((f) => f.name);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup) problems.push(`features: ${found(dup)} is listed twice`);
    // The conversion target is a purchase: a feature that is the purchase itself would be the answer.
    if (entity === "user" && target === "converted") {
      for (const leak of ["conversions", "extra.converted"]) {
        if (names.includes(leak)) problems.push(`features: ${found(leak)} is the target "converted" itself (purchases are not a feature of the conversion model)`);
      }
    }
  }
  const candidates: CandidateSpec[] = [];
  if (!Array.isArray(raw.candidates) || raw.candidates.length === 0) problems.push(`candidates: expected a non-empty list, found ${found(raw.candidates)}`);
  else {
    raw.candidates.forEach((c, i) => {
      if (!isObject(c) || !algorithms.includes(c.algorithm as AlgorithmName)) {
        return problems.push(`candidates[${i}].algorithm: expected one of ${algorithms.join(", ")}, found ${found(isObject(c) ? c.algorithm : c)}`);
      }
      const grid = c.grid ?? {};
      if (!isObject(grid) || Object.values(grid).some((v) => !Array.isArray(v) || v.length === 0)) {
        return problems.push(`candidates[${i}].grid: expected an object of non-empty value lists, found ${found(grid)}`);
      }
      const algorithm = c.algorithm as AlgorithmName;
      // Every value of the grid must make a valid estimator (each key varied with the others at their first value).
      const values = grid as Record<string, unknown[]>;
      const first = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v[0]]));
      const tried = new Set<string>();
      for (const [key, list] of Object.entries(values)) {
        for (const value of list) {
          const params = { ...first, [key]: value };
          const id = JSON.stringify(params);
          if (tried.has(id)) continue;
          tried.add(id);
          try {
            if (task === "regression" || task === "binary" || task === "clustering") createEstimator(task, { algorithm, params });
          } catch (err) {
            problems.push(`candidates[${i}].grid: ${(err as Error).message}`);
            return;
          }
        }
      }
      if (Object.keys(values).length === 0 && (task === "regression" || task === "binary" || task === "clustering")) {
        try {
          createEstimator(task, { algorithm, params: {} });
        } catch (err) {
          return problems.push(`candidates[${i}]: ${(err as Error).message}`);
        }
      }
      const search = c.search ?? "grid";
      if (search !== "grid" && search !== "random") return problems.push(`candidates[${i}].search: expected "grid" or "random", found ${found(c.search)}`);
      if (search === "random" && !(typeof c.samples === "number" && Number.isInteger(c.samples) && c.samples >= 1)) {
        return problems.push(`candidates[${i}].samples: expected a whole number ≥ 1 for random search, found ${found(c.samples)}`);
      }
      if (search === "grid" && c.samples !== undefined) return problems.push(`candidates[${i}].samples: only random search takes samples, found ${found(c.samples)} with grid search`);
      candidates.push({ algorithm, grid: values, search, samples: search === "random" ? (c.samples as number) : undefined });
    });
  }
  const sel = isObject(raw.selection) ? raw.selection : {};
  const metric = sel.metric as MetricName;
  if (!(metricsByTask[task] ?? []).includes(metric)) {
    problems.push(metricsByTask[task] ? `selection.metric: expected one of ${metricsByTask[task].join(", ")}, found ${found(metric)}` : `selection.metric: depends on the task, which is not valid (see task)`);
  }
  const folds = sel.folds ?? 5;
  if (typeof folds !== "number" || !Number.isInteger(folds) || folds < 2 || folds > 20) problems.push(`selection.folds: expected a whole number from 2 to 20, found ${found(folds)}`);
  const holdout = sel.holdout ?? 0.2;
  if (typeof holdout !== "number" || holdout <= 0 || holdout >= 0.5) problems.push(`selection.holdout: expected a fraction between 0 and 0.5, found ${found(holdout)}`);
  const seed = sel.seed ?? 42;
  if (typeof seed !== "number" || !Number.isInteger(seed)) problems.push(`selection.seed: expected a whole number, found ${found(sel.seed)}`);
  const promotion = promotionRule(raw, problems);
  const preprocess = preprocessOf(raw.preprocess, problems);
  const minRows = raw.minRows ?? 30;
  if (typeof minRows !== "number" || minRows < 10) problems.push(`minRows: expected a number ≥ 10, found ${found(minRows)}`);
  if (problems.length) throw new InvalidSpecError(file, problems);
  return {
    name: name as string,
    description: typeof raw.description === "string" ? raw.description : "",
    entity,
    task,
    target: target as string,
    features,
    preprocess,
    candidates,
    selection: { metric, folds: folds as number, seed: seed as number, holdout: holdout as number },
    promotion,
    minRows: minRows as number,
    file,
  };
}

/** The selection the engine runs for a (tabular) spec. */
export function selectionOf(spec: ModelSpec): SelectionSpec {
  if (spec.task === "sentiment" || spec.task === "ranking") throw new Error(`${spec.name}: a ${spec.task} model has no tabular selection`);
  return {
    task: spec.task,
    metric: spec.selection.metric,
    candidates: spec.candidates,
    cv: { folds: spec.selection.folds, seed: spec.selection.seed, stratify: spec.task === "binary" },
    preprocess: spec.preprocess,
  };
}

export type SpecEntry = { ok: true; spec: ModelSpec } | { ok: false; name: string; file: string; error: string };

/**
 * The specs of models/*.json, read from disk on every call, so a corrected file is used by the next
 * training without a restart. An invalid file is an entry with its error, not a crash.
 */
export class ModelSpecs {
  constructor(private readonly dir: string) {}

  all(): SpecEntry[] {
    let files: string[];
    try {
      files = readdirSync(this.dir).filter((f) => f.endsWith(".json")).sort();
    } catch {
      return [];
    }
    return files.map((f) => this.load(path.join(this.dir, f)));
  }

  /** The entry of one model by name, or undefined if there is no such file. */
  get(name: string): SpecEntry | undefined {
    if (!/^[a-z][a-z0-9-]{0,40}$/.test(name)) return undefined;
    const file = path.join(this.dir, `${name}.json`);
    try {
      readFileSync(file);
    } catch {
      return undefined;
    }
    return this.load(file);
  }

  private load(file: string): SpecEntry {
    const name = path.basename(file, ".json");
    // Named as the folder was given: models/engagement.json, or var/specs/engagement.json for MODELS_DIR=var/specs.
    const rel = path.join(this.dir, path.basename(file));
    let text = "";
    try {
      text = readFileSync(file, "utf8");
      return { ok: true, spec: validateSpec(JSON.parse(text), rel) };
    } catch (err) {
      return { ok: false, name, file: rel, error: err instanceof InvalidSpecError ? err.message : `${rel}: ${withLineAndColumn((err as Error).message, text)}` };
    }
  }
}

/** A JSON syntax error's "at position N" as a line and column, which an editor can go to. */
function withLineAndColumn(message: string, text: string): string {
  const m = /at position (\d+)/.exec(message);
  if (!m) return message;
  const before = text.slice(0, Number(m[1]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return `${message.replace(/ in JSON at position \d+.*$| at position \d+.*$/, "")} (line ${line}, column ${column})`;
}
