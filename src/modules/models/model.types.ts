import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import { toGlobalId } from "../../graphql/relay";
import { Uncacheable } from "../../graphql/response-cache";
import type { Metrics } from "../../ml/types";
import type { SpecEntry } from "./model-specs";
import { ModelVersion } from "./model-version.entity";
import type { RunStatus, TrainingRun } from "./model.service";

@Uncacheable("read from models/<name>.json on every request, so a corrected file shows at once")
@ObjectType("Model", { simpleResolvers: true, description: "A declarative model specification (models/<name>.json) and its versions." })
export class ModelType {
  /** The model's ID: its name, opaque like every ID (so that Apollo Client and Relay normalise a model by it). */
  @Field(() => ID, { name: "id", simple: false, description: "Opaque and stable: the model's name, encoded (caches key a model by it; model(name) fetches it)." })
  get globalId(): string {
    return toGlobalId("Model", this.name);
  }

  @Field({ description: "The spec's name: its file is models/<name>.json." })
  name: string;

  @Field({ description: "The spec's description, as written (empty when it has none or is invalid)." })
  description: string;

  @Field(() => String, { nullable: true, description: "What a row is: post, user, text (sentiment) or interaction (recommendations); null when the spec is invalid." })
  entity: string | null;

  @Field(() => String, { nullable: true, description: "regression, binary, clustering, sentiment or ranking; null when the spec is invalid." })
  task: string | null;

  @Field(() => String, { nullable: true, description: "What it predicts." })
  target: string | null;

  @Field(() => [String], { description: "The features as the spec names them (a `topic.*` not expanded); empty when the spec is invalid." })
  features: string[];

  @Field(() => String, { nullable: true, description: "The metric that chooses the winning algorithm and decides promotion." })
  metric: string | null;

  @Field(() => [String], { description: "Candidate algorithms with their grids, as written in the spec." })
  candidates: string[];

  @Field({ description: "False when the spec file is invalid (see specError); it cannot be trained then." })
  valid: boolean;

  @Field(() => String, { nullable: true, description: "Why the spec file is invalid; null when it is valid." })
  specError: string | null;

  static of(entry: SpecEntry): ModelType {
    if (!entry.ok) {
      return Object.assign(new ModelType(), { name: entry.name, description: "", entity: null, task: null, target: null, features: [], metric: null, candidates: [], valid: false, specError: entry.error });
    }
    const s = entry.spec;
    return Object.assign(new ModelType(), {
      name: s.name,
      description: s.description,
      entity: s.entity,
      task: s.task,
      target: s.target,
      features: s.features.map((f) => f.name),
      metric: s.selection.metric,
      candidates: s.candidates.map((c) => `${c.algorithm} ${JSON.stringify(c.grid)}`),
      valid: true,
      specError: null,
    });
  }
}

@ObjectType({ simpleResolvers: true, description: "One metric's value." })
export class MetricValue {
  @Field({ description: "The metric, e.g. rmse, r2, rocAuc, f1, silhouette or ndcg." })
  name: string;

  @Field(() => Float, { nullable: true, description: "Null when undefined for the data (e.g. ROC-AUC of a fold with one class)." })
  value: number | null;

  static list(m: Metrics | undefined): MetricValue[] {
    return Object.entries(m ?? {}).map(([name, value]) => ({ name, value: typeof value === "number" && Number.isFinite(value) ? value : null }));
  }
}

@ObjectType({ simpleResolvers: true, description: "One algorithm with one set of hyper-parameters, scored by k-fold cross-validation (for a ranking model, on a validation split)." })
export class CandidateScore {
  @Field({ description: "The algorithm, e.g. randomForest or logisticRegression (learnedSentiment or blend for sentiment and ranking models); a baseline is baseline, lexicon (sentiment), popular or popular-30d (ranking)." })
  algorithm: string;

  @Field(() => GraphQLJSONObject, { description: "The hyper-parameters it was scored with." })
  params: Record<string, unknown>;

  @Field(() => [MetricValue], { description: "Mean over the folds." })
  mean: MetricValue[];

  @Field(() => [MetricValue], { description: "Standard deviation over the folds." })
  std: MetricValue[];

  @Field(() => Float, { description: "Mean seconds to fit it on one training fold (0 for sentiment and ranking models, which do not time it)." })
  fitSeconds: number;

  @Field({ description: "The one the selection metric chose." })
  winner: boolean;
}

@ObjectType({ simpleResolvers: true, description: "How the selection scored every candidate and the baseline." })
export class CrossValidation {
  @Field({ description: "The selection metric the candidates were ranked by." })
  metric: string;

  @Field(() => CandidateScore, { description: "Mean / majority baseline, scored on the same folds." })
  baseline: CandidateScore;

  @Field(() => [CandidateScore], { description: "Every candidate, best first." })
  candidates: CandidateScore[];
}

@ObjectType({ simpleResolvers: true, description: "The winner and the baseline on rows held out of the selection." })
export class HoldoutEvaluation {
  @Field(() => Int, { description: "Held-out rows scored (for a ranking model, people with held-out interactions and earlier ones)." })
  rows: number;

  @Field(() => [MetricValue], { description: "The winner's scores on them (fitted without them)." })
  metrics: MetricValue[];

  @Field(() => [MetricValue], { description: "The baseline's scores on the same rows." })
  baseline: MetricValue[];

  @Field({ description: "Why the version is active or only a candidate." })
  decision: string;
}

@ObjectType({ simpleResolvers: true, description: "How much one feature matters to a trained version." })
export class FeatureImportanceItem {
  @Field({ description: "The input feature (a sentiment model lists feature → label pairs, a ranking model the weights of its blend)." })
  feature: string;

  @Field(() => Float, { description: "Loss of the selection metric on held-out rows when this feature is shuffled (for a sentiment model, the weight's absolute value; for a ranking model, the blend weight)." })
  importance: number;

  @Field(() => Float, { description: "Standard deviation of the importance over the repeated shuffles (0 for sentiment and ranking models)." })
  std: number;
}

@ObjectType({ simpleResolvers: true, description: "One value of a categorical column and how many rows have it." })
export class LevelCount {
  @Field({ description: "The value." })
  level: string;

  @Field(() => Int, { description: "Rows with it." })
  count: number;
}

@ObjectType({ simpleResolvers: true, description: "One feature column of the training table, as found." })
export class ColumnQuality {
  @Field({ description: "The feature's name." })
  name: string;

  @Field({ description: "numeric, categorical or boolean." })
  kind: string;

  @Field(() => Int, { description: "Rows without a value (null, empty text or NaN)." })
  missing: number;

  @Field(() => Int, { description: "Distinct values present, missing not counted." })
  distinct: number;

  @Field({ description: "At most one value, missing counted as one: the column carries no information." })
  constant: boolean;

  @Field(() => Int, { nullable: true, description: "Numeric: values beyond 1.5 × IQR from the quartiles." })
  outliers?: number | null;

  @Field(() => [Float], { nullable: true, description: "Numeric: the 25th, 50th and 75th percentiles (linear interpolation); null otherwise or when every value is missing." })
  quartiles?: number[] | null;

  @Field(() => [LevelCount], { nullable: true, description: "Categorical: up to 5 most frequent values with their rows, most frequent first (ties alphabetical); null otherwise (and for sentiment and ranking models)." })
  topLevels?: LevelCount[] | null;
}

@ObjectType("DataQualityReport", { simpleResolvers: true, description: "The training table as it was found, and the cleaning applied." })
export class DataQualityReport {
  @Field(() => Int, { description: "Rows in the training table (labelled examples for a sentiment model, interactions for a ranking model)." })
  rows: number;

  @Field(() => Int, { description: "Rows identical to an earlier one in every feature and the target (for a sentiment model, repeated texts)." })
  duplicateRows: number;

  @Field(() => [ColumnQuality], { description: "One profile per feature column, in feature order." })
  columns: ColumnQuality[];

  @Field(() => GraphQLJSONObject, { nullable: true, description: "Missing targets, mean/min/max, class balance." })
  target: Record<string, unknown> | null;

  @Field(() => [String], { description: "What training does to the data, one sentence each (e.g. imputation, encoding, scaling, rows left out)." })
  cleaning: string[];

  @Field(() => [String], { description: "Findings worth reading that do not stop training (e.g. mostly missing or constant columns, duplicates, class imbalance)." })
  warnings: string[];

  @Field(() => [String], { description: "Problems that make training pointless; trainModel refuses such a table, so a stored version's list is empty." })
  errors: string[];
}

export enum TrainingStatus {
  RUNNING = "RUNNING",
  SUCCEEDED = "SUCCEEDED",
  FAILED = "FAILED",
}
registerEnumType(TrainingStatus, { name: "TrainingStatus", description: "Where a training run is: RUNNING (poll again), SUCCEEDED (its version is stored; see holdout.decision for whether it serves) or FAILED (see error)." });

@Uncacheable("a running training's status, progress and stage live in memory, and its seconds in the clock")
@ObjectType("TrainingRun", { simpleResolvers: true, description: "A training run; poll it with trainingRun(id) until it SUCCEEDED or FAILED." })
export class TrainingRunType {
  @Field(() => ID, { description: "The run's own ID, for trainingRun(id) (a global ID of its own type: caches that key objects by ID alone keep it apart from its version)." })
  id: string;

  @Field(() => ID, { description: "The ID of the model version it trains (node(id), activateModelVersion(id))." })
  modelVersionId: string;

  @Field({ description: "The spec's name." })
  modelName: string;

  @Field(() => TrainingStatus, { description: "RUNNING, SUCCEEDED or FAILED." })
  status: RunStatus;

  @Field(() => Float, { description: "0 to 1." })
  progress: number;

  @Field({ description: "What it is doing (a candidate being cross-validated, holdout, importance, final fit)." })
  stage: string;

  @Field({ description: "When trainModel started it (server time); it may wait for earlier trainings, which run one at a time." })
  startedAt: Date;

  @Field(() => Date, { nullable: true, description: "When it succeeded or failed (server time); null while RUNNING, and for a run a server stop interrupted." })
  finishedAt: Date | null;

  @Field(() => Float, { description: "Seconds so far, or in all once finished." })
  seconds: number;

  @Field(() => String, { nullable: true, description: "Why it failed; null unless FAILED." })
  error: string | null;

  versionId: number;

  static of(run: TrainingRun): TrainingRunType {
    return {
      id: toGlobalId("TrainingRun", run.versionId),
      modelVersionId: toGlobalId(ModelVersion.name, run.versionId),
      modelName: run.modelName,
      status: run.status,
      progress: run.progress,
      stage: run.stage,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      seconds: ((run.finishedAt ?? new Date()).getTime() - run.startedAt.getTime()) / 1000,
      error: run.error,
      versionId: run.versionId,
    };
  }
}
