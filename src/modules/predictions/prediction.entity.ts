import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { ModelVersion } from "../models/model-version.entity";

export type PredictionTarget = "POST" | "USER" | "DRAFT";

/** A stored prediction of a model version about a post, a person or a draft, with its explanation. */
@Entity("predictions")
@Index("predictions_target", ["targetType", "targetId", "modelName"])
@Index("predictions_version", ["modelVersionId"])
export class Prediction {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  modelVersionId: number;

  @ManyToOne(() => ModelVersion, { onDelete: "CASCADE" })
  @JoinColumn({ name: "modelVersionId" })
  modelVersion?: ModelVersion;

  @Column({ type: "varchar", length: 64 })
  modelName: string;

  @Column({ type: "varchar", length: 16 })
  targetType: PredictionTarget;

  @Column({ type: "integer", nullable: true })
  targetId: number | null;

  @Column({ type: "double precision" })
  value: number;

  @Column({ type: "simple-json", nullable: true })
  explanation: Record<string, unknown> | null;

  @CreateDateColumn()
  createdAt: Date;
}
