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

  @Field()
  name: string;

  @Field()
  description: string;

  @Field(() => String, { nullable: true, description: "What a row is: post, user, text (sentiment) or interaction (recommendations); null when the spec is invalid." })
  entity: string | null;

  @Field(() => String, { nullable: true, description: "regression, binary, clustering, sentiment or ranking; null when the spec is invalid." })
  task: string | null;

  @Field(() => String, { nullable: true, description: "What it predicts." })
  target: string | null;

  @Field(() => [String])
  features: string[];

  @Field(() => String, { nullable: true, description: "The metric that chooses the winning algorithm and decides promotion." })
  metric: string | null;

  @Field(() => [String], { description: "Candidate algorithms with their grids, as written in the spec." })
  candidates: string[];

  @Field({ description: "False when the spec file is invalid (see specError); it cannot be trained then." })
  valid: boolean;

  @Field(() => String, { nullable: true })
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

@ObjectType({ simpleResolvers: true })
export class MetricValue {
  @Field()
  name: string;

  @Field(() => Float, { nullable: true, description: "Null when undefined for the data (e.g. ROC-AUC of a fold with one class)." })
  value: number | null;

  static list(m: Metrics | undefined): MetricValue[] {
    return Object.entries(m ?? {}).map(([name, value]) => ({ name, value: typeof value === "number" && Number.isFinite(value) ? value : null }));
  }
}

@ObjectType({ simpleResolvers: true, description: "One algorithm with one set of hyper-parameters, scored by k-fold cross-validation." })
export class CandidateScore {
  @Field()
  algorithm: string;

  @Field(() => GraphQLJSONObject)
  params: Record<string, unknown>;

  @Field(() => [MetricValue], { description: "Mean over the folds." })
  mean: MetricValue[];

  @Field(() => [MetricValue], { description: "Standard deviation over the folds." })
  std: MetricValue[];

  @Field(() => Float)
  fitSeconds: number;

  @Field({ description: "The one the selection metric chose." })
  winner: boolean;
}

@ObjectType({ simpleResolvers: true })
export class CrossValidation {
  @Field()
  metric: string;

  @Field(() => CandidateScore, { description: "Mean / majority baseline, scored on the same folds." })
  baseline: CandidateScore;

  @Field(() => [CandidateScore], { description: "Every candidate, best first." })
  candidates: CandidateScore[];
}

@ObjectType({ simpleResolvers: true, description: "The winner and the baseline on rows held out of the selection." })
export class HoldoutEvaluation {
  @Field(() => Int)
  rows: number;

  @Field(() => [MetricValue])
  metrics: MetricValue[];

  @Field(() => [MetricValue])
  baseline: MetricValue[];

  @Field({ description: "Why the version is active or only a candidate." })
  decision: string;
}

@ObjectType({ simpleResolvers: true })
export class FeatureImportanceItem {
  @Field()
  feature: string;

  @Field(() => Float, { description: "Loss of the selection metric on held-out rows when this feature is shuffled." })
  importance: number;

  @Field(() => Float)
  std: number;
}

@ObjectType({ simpleResolvers: true })
export class LevelCount {
  @Field()
  level: string;

  @Field(() => Int)
  count: number;
}

@ObjectType({ simpleResolvers: true })
export class ColumnQuality {
  @Field()
  name: string;

  @Field()
  kind: string;

  @Field(() => Int)
  missing: number;

  @Field(() => Int)
  distinct: number;

  @Field()
  constant: boolean;

  @Field(() => Int, { nullable: true, description: "Numeric: values beyond 1.5 × IQR from the quartiles." })
  outliers?: number | null;

  @Field(() => [Float], { nullable: true })
  quartiles?: number[] | null;

  @Field(() => [LevelCount], { nullable: true })
  topLevels?: LevelCount[] | null;
}

@ObjectType("DataQualityReport", { simpleResolvers: true, description: "The training table as it was found, and the cleaning applied." })
export class DataQualityReport {
  @Field(() => Int)
  rows: number;

  @Field(() => Int)
  duplicateRows: number;

  @Field(() => [ColumnQuality])
  columns: ColumnQuality[];

  @Field(() => GraphQLJSONObject, { nullable: true, description: "Missing targets, mean/min/max, class balance." })
  target: Record<string, unknown> | null;

  @Field(() => [String])
  cleaning: string[];

  @Field(() => [String])
  warnings: string[];

  @Field(() => [String])
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

  @Field()
  modelName: string;

  @Field(() => TrainingStatus)
  status: RunStatus;

  @Field(() => Float, { description: "0 to 1." })
  progress: number;

  @Field({ description: "What it is doing (a candidate being cross-validated, holdout, importance, final fit)." })
  stage: string;

  @Field()
  startedAt: Date;

  @Field(() => Date, { nullable: true })
  finishedAt: Date | null;

  @Field(() => Float, { description: "Seconds so far, or in all once finished." })
  seconds: number;

  @Field(() => String, { nullable: true })
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
