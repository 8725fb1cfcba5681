import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";
import { ModelVersion } from "../models/model-version.entity";
import { User } from "../users/user.entity";

/** An audience segment found by a clustering model version, with its profile and generated name. */
@Entity("segments")
@Index("segments_version_key", ["modelVersionId", "key"], { unique: true })
export class Segment {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer", nullable: true })
  modelVersionId: number | null;

  @ManyToOne(() => ModelVersion, { onDelete: "CASCADE", nullable: true })
  @JoinColumn({ name: "modelVersionId" })
  modelVersion?: ModelVersion | null;

  /** The cluster index within its model version. */
  @Column({ type: "integer" })
  key: number;

  @Column({ type: "varchar", length: 120 })
  name: string;

  @Column({ type: "text" })
  description: string;

  @Column({ type: "integer", default: 0 })
  size: number;

  @Column({ type: "simple-json", nullable: true })
  profile: Record<string, unknown> | null;

  @CreateDateColumn()
  createdAt: Date;
}

/** Which segment a person belongs to (one row per segment version and person). */
@Entity("segment_memberships")
@Index("segment_memberships_user", ["userId"])
export class SegmentMembership {
  @PrimaryColumn({ type: "integer" })
  segmentId: number;

  @PrimaryColumn({ type: "integer" })
  userId: number;

  @ManyToOne(() => Segment, { onDelete: "CASCADE" })
  @JoinColumn({ name: "segmentId" })
  segment?: Segment;

  @ManyToOne(() => User, { onDelete: "CASCADE" })
  @JoinColumn({ name: "userId" })
  user?: User;

  /** Distance to the segment's centroid, in scaled feature units. */
  @Column({ type: "double precision", nullable: true })
  distance: number | null;

  @CreateDateColumn()
  assignedAt: Date;
}
