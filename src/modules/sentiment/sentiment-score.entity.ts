import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

export type SentimentTarget = "POST" | "INTERACTION";

/**
 * The sentiment of one text (a post or a comment) by one analyser version. `postId`, `userId` and
 * `occurredAt` are copied from the scored text so that time series group without joins and a
 * person's erasure finds every score of theirs.
 */
@Entity("sentiment_scores")
@Index("sentiment_target", ["targetType", "targetId", "analyzer"], { unique: true })
@Index("sentiment_post_time", ["postId", "occurredAt"])
@Index("sentiment_user", ["userId"])
@Index("sentiment_time", ["occurredAt"])
export class SentimentScore {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "varchar", length: 16 })
  targetType: SentimentTarget;

  @Column({ type: "integer" })
  targetId: number;

  /** The post the text belongs to (the post itself, or the commented post). */
  @Column({ type: "integer" })
  postId: number;

  /** The author of the text. */
  @Column({ type: "integer" })
  userId: number;

  @Column()
  occurredAt: Date;

  @Column({ type: "varchar", length: 64 })
  analyzer: string;

  @Column({ type: "varchar", length: 32 })
  analyzerVersion: string;

  /** In [-1, 1]. */
  @Column({ type: "double precision" })
  score: number;

  @Column({ type: "varchar", length: 16 })
  label: string;

  @Column({ type: "simple-json", nullable: true })
  details: Record<string, unknown> | null;

  @CreateDateColumn()
  scoredAt: Date;
}
