import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Node } from "../../graphql/relay";
import { Platform } from "../users/platform";
import { User } from "../users/user.entity";

export enum MediaType {
  TEXT = "TEXT",
  PHOTO = "PHOTO",
  VIDEO = "VIDEO",
  LINK = "LINK",
  STATUS = "STATUS",
}
registerEnumType(MediaType, {
  name: "MediaType",
  description: "The form of a post.",
  valuesConfig: {
    TEXT: { description: "Text only." },
    PHOTO: { description: "One or more images." },
    VIDEO: { description: "A video or reel." },
    LINK: { description: "A shared link with its preview." },
    STATUS: { description: "A status update (Facebook's own type in its exports)." },
  },
});
export const mediaTypes = Object.values(MediaType) as MediaType[];

/** Counters kept on each post, one per interaction type, plus reach (distinct people). */
export const postCounters = ["impressions", "reach", "likes", "comments", "shares", "clicks", "conversions"] as const;
export type PostCounter = (typeof postCounters)[number];

@ObjectType("PostCounters", { simpleResolvers: true, description: "Denormalised engagement counters of a post." })
export class PostCounters {
  @Field(() => Int, { description: "Views (VIEW interactions, or the platform's impressions when imported)." })
  impressions: number;

  @Field(() => Int, { description: "Distinct people who interacted (or the platform's reach when imported)." })
  reach: number;

  @Field(() => Int, { description: "Likes (LIKE interactions, or the platform's likes when imported)." })
  likes: number;

  @Field(() => Int, { description: "Comments (COMMENT interactions, or the platform's comments when imported)." })
  comments: number;

  @Field(() => Int, { description: "Shares (SHARE interactions, or the platform's shares when imported)." })
  shares: number;

  @Field(() => Int, { description: "Link clicks (CLICK interactions, or the platform's clicks when imported)." })
  clicks: number;

  @Field(() => Int, { description: "Purchases (CONVERSION interactions, or the platform's conversions when imported)." })
  conversions: number;

  @Field(() => Int, { description: "likes + comments + shares." })
  engagements: number;
}

/**
 * A piece of content published by an account. Counters carry no index on purpose: every recorded
 * interaction moves them, and an index each would cost ingest more than it saves the (rare, usually
 * time-filtered) ordering by a counter.
 */
@Entity("posts")
@Index("posts_platform_external", ["platform", "externalId"], { unique: true })
@Index("posts_published", ["publishedAt", "id"])
@Index("posts_platform_published", ["platform", "publishedAt", "id"])
@Index("posts_author_published", ["authorId", "publishedAt", "id"])
@Index("posts_category_published", ["category", "publishedAt"])
@ObjectType("Post", { implements: Node, simpleResolvers: true, description: "A piece of content published by an account." })
export class Post extends Node {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  authorId: number;

  @ManyToOne(() => User, { onDelete: "CASCADE", nullable: false })
  @JoinColumn({ name: "authorId" })
  author?: User;

  @Field(() => Platform, { description: "The network it was published on (its author's)." })
  @Column({ type: "varchar", length: 16 })
  platform: Platform;

  @Field({ description: "The post's id on its platform (unique per platform)." })
  @Column({ type: "varchar", length: 128 })
  externalId: string;

  @Field({ description: "The post's text, cleaned (control characters removed, line ends unified, trimmed); up to 10,000 characters." })
  @Column({ type: "text" })
  text: string;

  @Field(() => MediaType, { description: "The form of the post." })
  @Column({ type: "varchar", length: 16 })
  mediaType: MediaType;

  @Field(() => String, { nullable: true, description: "Topic or content category." })
  @Column({ type: "varchar", length: 64, nullable: true })
  category: string | null;

  @Field({ description: "Promoted with paid reach." })
  @Column({ type: "boolean", default: false })
  paid: boolean;

  @Field({ description: "When it was published on its platform (as sent)." })
  @Column()
  publishedAt: Date;

  @Field(() => [String], { description: "Hashtags parsed from the text, and any sent besides it (PostInput.hashtags); lower-cased, without #." })
  @Column({ type: "simple-json" })
  hashtags: string[];

  @Field(() => [String], { description: "Accounts mentioned in the text, lower-cased, without @." })
  @Column({ type: "simple-json" })
  mentions: string[];

  @Column({ type: "integer", default: 0 })
  impressions: number;

  @Column({ type: "integer", default: 0 })
  reach: number;

  @Column({ type: "integer", default: 0 })
  likes: number;

  @Column({ type: "integer", default: 0 })
  comments: number;

  @Column({ type: "integer", default: 0 })
  shares: number;

  @Column({ type: "integer", default: 0 })
  clicks: number;

  @Column({ type: "integer", default: 0 })
  conversions: number;

  @Field({ description: "When the post was first stored (server time)." })
  @CreateDateColumn()
  createdAt: Date;

  @Field({ description: "When upsertPosts (or an import) last wrote the post (server time); interactions moving its counters leave it unchanged." })
  @UpdateDateColumn()
  updatedAt: Date;

  @Field(() => PostCounters, { description: "Engagement counters: moved by each recorded interaction (and by an erasure), replaced by metrics sent with upsertPosts." })
  get counters(): PostCounters {
    return {
      impressions: this.impressions,
      reach: this.reach,
      likes: this.likes,
      comments: this.comments,
      shares: this.shares,
      clicks: this.clicks,
      conversions: this.conversions,
      engagements: this.likes + this.comments + this.shares,
    };
  }
}

/** One row per (post, hashtag): the index behind the hashtag filter and the per-hashtag rollups. */
@Entity("post_hashtags")
@Index("post_hashtags_tag", ["tag", "postId"])
export class PostHashtag {
  @PrimaryColumn({ type: "integer" })
  postId: number;

  @PrimaryColumn({ type: "varchar", length: 100 })
  tag: string;

  @ManyToOne(() => Post, { onDelete: "CASCADE" })
  @JoinColumn({ name: "postId" })
  post?: Post;
}
