import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

export type ModelVersionStatus = "training" | "candidate" | "active" | "retired" | "failed";

/** One trained version of a model spec: what it learned from, how it scored, and the artifact itself. */
@Entity("model_versions")
@Index("model_versions_name_version", ["modelName", "version"], { unique: true })
@Index("model_versions_name_status", ["modelName", "status"])
export class ModelVersion {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "varchar", length: 64 })
  modelName: string;

  @Column({ type: "integer" })
  version: number;

  @Column({ type: "varchar", length: 16 })
  status: ModelVersionStatus;

  @Column({ type: "varchar", length: 32 })
  task: string;

  @Column({ type: "varchar", length: 64, nullable: true })
  algorithm: string | null;

  @Column({ type: "simple-json", nullable: true })
  params: Record<string, unknown> | null;

  @Column({ type: "simple-json" })
  spec: Record<string, unknown>;

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

  /** The estimator's tagged JSON. */
  @Column({ type: "text", nullable: true })
  artifact: string | null;

  @Column({ type: "text", nullable: true })
  error: string | null;

  @Column({ type: Date, nullable: true })
  trainedAt: Date | null;

  @Column({ type: Date, nullable: true })
  activatedAt: Date | null;

  @CreateDateColumn()
  createdAt: Date;
}
