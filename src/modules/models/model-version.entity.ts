import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import { Node } from "../../graphql/relay";

export type ModelVersionStatus = "training" | "candidate" | "active" | "retired" | "failed";

export enum ModelVersionStatusEnum {
  TRAINING = "training",
  CANDIDATE = "candidate",
  ACTIVE = "active",
  RETIRED = "retired",
  FAILED = "failed",
}
registerEnumType(ModelVersionStatusEnum, {
  name: "ModelVersionStatus",
  description: "TRAINING → CANDIDATE (kept, not serving) or ACTIVE (serving); an ACTIVE version replaced becomes RETIRED; FAILED keeps its error.",
});

/** One trained version of a model spec: what it learned from, how it scored, and the artifact itself. */
@Entity("model_versions")
@Index("model_versions_name_version", ["modelName", "version"], { unique: true })
@Index("model_versions_name_status", ["modelName", "status"])
@ObjectType("ModelVersion", { implements: Node, simpleResolvers: true, description: "One trained version of a model." })
export class ModelVersion extends Node {
  @PrimaryGeneratedColumn()
  id: number;

  @Field({ description: "The spec's name (models/<name>.json)." })
  @Column({ type: "varchar", length: 64 })
  modelName: string;

  @Field(() => Int, { description: "Its number within the model: 1, 2, … in the order trainings were started." })
  @Column({ type: "integer" })
  version: number;

  @Field(() => ModelVersionStatusEnum, { description: "Where it is in its lifecycle (see ModelVersionStatus)." })
  @Column({ type: "varchar", length: 16 })
  status: ModelVersionStatus;

  @Field({ description: "The spec's task when it was trained: regression, binary, clustering, sentiment or ranking." })
  @Column({ type: "varchar", length: 32 })
  task: string;

  @Field(() => String, { nullable: true, description: "The algorithm the selection chose." })
  @Column({ type: "varchar", length: 64, nullable: true })
  algorithm: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: "The chosen hyper-parameters." })
  @Column({ type: "simple-json", nullable: true })
  params: Record<string, unknown> | null;

  /** The spec it was trained from (as validated then). */
  @Column({ type: "simple-json" })
  spec: Record<string, unknown>;

  @Field(() => GraphQLJSONObject, { nullable: true, description: "What the training table was built from: as-of time, rows, thresholds." })
  @Column({ type: "simple-json", nullable: true })
  dataStats: Record<string, unknown> | null;

  @Column({ type: "simple-json", nullable: true })
  qualityReport: Record<string, unknown> | null;

  @Column({ type: "simple-json", nullable: true })
  cvResults: Record<string, unknown> | null;

  @Column({ type: "simple-json", nullable: true })
  holdoutMetrics: Record<string, unknown> | null;

  @Column({ type: "simple-json", nullable: true })
  importances: Record<string, unknown> | null;

  /** The fitted model's tagged JSON, gzipped and base64-encoded. */
  @Column({ type: "text", nullable: true })
  artifact: string | null;

  @Field(() => String, { nullable: true, description: "Why training failed (FAILED only, including a training a server stop interrupted)." })
  @Column({ type: "text", nullable: true })
  error: string | null;

  @Field(() => Date, { nullable: true, description: "When training ended, successfully or not (server time); null while TRAINING. A training a server stop interrupted ends when the server next starts." })
  @Column({ type: Date, nullable: true })
  trainedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "When it last became the active version (server time); kept once retired; null if it never served." })
  @Column({ type: Date, nullable: true })
  activatedAt: Date | null;

  @Field({ description: "When its training was asked for (server time)." })
  @CreateDateColumn()
  createdAt: Date;
}
