import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { User } from "../users/user.entity";

export type SentimentTarget = "POST" | "INTERACTION";

/**
 * The current sentiment of one text (a post or a comment), by the analyser named in it. One row per
 * text: re-scoring (a new analyser version, a brand rule, a learned model activated) replaces it.
 * `postId`, `userId`, `accountId` and `occurredAt` are copied from the scored text so that time series
 * group without joins and a person's erasure finds every score of theirs.
 */
@Entity("sentiment_scores")
@Index("sentiment_text", ["targetType", "targetId"], { unique: true })
@Index("sentiment_account_time", ["accountId", "occurredAt"])
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

  /** The account whose post it is (the post's author): brand rules and share of voice go by it. */
  @Column({ type: "integer", default: 0 })
  accountId: number;

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

/**
 * A brand's word or phrase with the polarity it has for that brand ("sick" is praise for a skate
 * brand). Applies to the account's posts and the comments on them.
 */
@Entity("vocabulary_rules")
@Index("vocabulary_account_phrase", ["accountId", "phrase"], { unique: true })
export class VocabularyRuleEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  accountId: number;

  @ManyToOne(() => User, { onDelete: "CASCADE", nullable: false })
  @JoinColumn({ name: "accountId" })
  account?: User;

  @Column({ type: "varchar", length: 200 })
  phrase: string;

  /** In [-1, 1]. */
  @Column({ type: "double precision" })
  polarity: number;

  @CreateDateColumn()
  createdAt: Date;
}

/**
 * A labelled text the learned sentiment model trains on (imported from a TSV corpus or added over
 * GraphQL). `key` makes imports idempotent: the source's id for the example, or a hash of its text and label.
 */
@Entity("sentiment_examples")
@Index("sentiment_examples_key", ["key"], { unique: true })
export class SentimentExample {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "varchar", length: 200 })
  key: string;

  @Column({ type: "text" })
  text: string;

  @Column({ type: "varchar", length: 16 })
  label: string;

  /** A graded score in [-1, 1] where the source has one. */
  @Column({ type: "double precision", nullable: true })
  score: number | null;

  /** Where it came from (a file name, or "api"). */
  @Column({ type: "varchar", length: 120 })
  source: string;

  @CreateDateColumn()
  createdAt: Date;
}
