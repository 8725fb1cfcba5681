import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
import { Field, Float, ObjectType, registerEnumType } from "type-graphql";
import { Node } from "../../graphql/relay";
import { Post, type PostCounter } from "../posts/post.entity";
import { User } from "../users/user.entity";

export enum InteractionType {
  VIEW = "VIEW",
  LIKE = "LIKE",
  COMMENT = "COMMENT",
  SHARE = "SHARE",
  CLICK = "CLICK",
  CONVERSION = "CONVERSION",
}
registerEnumType(InteractionType, {
  name: "InteractionType",
  description: "What a person did with a post.",
  valuesConfig: {
    VIEW: { description: "Saw it (an impression; counted in a post's impressions)." },
    LIKE: { description: "Liked or reacted to it." },
    COMMENT: { description: "Commented; the interaction's text is the comment, scored for sentiment." },
    SHARE: { description: "Shared or reposted it." },
    CLICK: { description: "Clicked its link." },
    CONVERSION: { description: "Bought after it; the interaction's value is the amount paid." },
  },
});
export const interactionTypes = Object.values(InteractionType) as InteractionType[];

/** The post counter each interaction type moves. */
export const counterOf: Record<InteractionType, PostCounter> = {
  VIEW: "impressions",
  LIKE: "likes",
  COMMENT: "comments",
  SHARE: "shares",
  CLICK: "clicks",
  CONVERSION: "conversions",
};

/**
 * One thing a person did with a post. Immutable once recorded. Five indexes, each earning its cost on
 * the hot ingest path: external id (idempotency), post timeline, (user, post) (a person's history,
 * reach, erasure), time (time-range lists and rollups) and type × time (the type filter; cheap to
 * keep, since events arrive roughly in time order and it has a handful of append points).
 */
@Entity("interactions")
// An event id is unique on its platform, so per post (a post belongs to one platform): the same id on two platforms is two events.
@Index("interactions_post_external", ["postId", "externalId"], { unique: true })
@Index("interactions_post_time", ["postId", "occurredAt", "id"])
@Index("interactions_user_post", ["userId", "postId"])
@Index("interactions_time", ["occurredAt", "id"])
@Index("interactions_type_time", ["type", "occurredAt", "id"])
@ObjectType("Interaction", { implements: Node, simpleResolvers: true, description: "One thing a person did with a post." })
export class Interaction extends Node {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: "integer" })
  userId: number;

  @ManyToOne(() => User, { onDelete: "CASCADE", nullable: false })
  @JoinColumn({ name: "userId" })
  user?: User;

  @Column({ type: "integer" })
  postId: number;

  @ManyToOne(() => Post, { onDelete: "CASCADE", nullable: false })
  @JoinColumn({ name: "postId" })
  post?: Post;

  @Field(() => InteractionType, { description: "What the person did." })
  @Column({ type: "varchar", length: 16 })
  type: InteractionType;

  @Field(() => Float, { nullable: true, description: "A purchase amount, a rating or a watch time, when the type has one." })
  @Column({ type: "double precision", nullable: true })
  value: number | null;

  @Field(() => String, { nullable: true, description: "The text of a comment." })
  @Column({ type: "text", nullable: true })
  text: string | null;

  @Field({ description: "When it happened (as sent)." })
  @Column()
  occurredAt: Date;

  @Field({ description: "The source's id for this event; re-sending it records nothing new." })
  @Column({ type: "varchar", length: 160 })
  externalId: string;

  @Field({ description: "When the row was stored (server time)." })
  @CreateDateColumn()
  createdAt: Date;
}
