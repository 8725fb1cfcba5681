import { ArgsType, Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import { ConnectionArgs, OrderDirection } from "../../graphql/relay";
import { Platform } from "../users/platform";
import { MediaType } from "./post.entity";

@InputType({ description: "Engagement totals reported by the platform (e.g. an Insights export); they replace the stored counters." })
export class PostMetricsInput {
  @Field(() => Int, { nullable: true })
  impressions?: number | null;

  @Field(() => Int, { nullable: true })
  reach?: number | null;

  @Field(() => Int, { nullable: true })
  likes?: number | null;

  @Field(() => Int, { nullable: true })
  comments?: number | null;

  @Field(() => Int, { nullable: true })
  shares?: number | null;

  @Field(() => Int, { nullable: true })
  clicks?: number | null;

  @Field(() => Int, { nullable: true })
  conversions?: number | null;
}

@InputType({ description: "A post to create or update, keyed by (platform, externalId). Give the author by `authorId` or `authorHandle`." })
export class PostInput {
  @Field(() => Platform)
  platform: Platform;

  @Field({ description: "The post's id on its platform." })
  externalId: string;

  @Field(() => ID, { nullable: true, description: "Global ID of the author." })
  authorId?: string | null;

  @Field(() => String, { nullable: true, description: "Handle of the author on the same platform." })
  authorHandle?: string | null;

  @Field({ description: "Up to 10,000 characters; hashtags and mentions are parsed from it." })
  text: string;

  @Field(() => MediaType)
  mediaType: MediaType;

  @Field(() => String, { nullable: true, description: "Topic or content category (lower-cased)." })
  category?: string | null;

  @Field(() => Boolean, { nullable: true })
  paid?: boolean | null;

  @Field(() => Date)
  publishedAt: Date;

  @Field(() => [String], { nullable: true, description: "Extra hashtags not written in the text." })
  hashtags?: string[] | null;

  @Field(() => PostMetricsInput, { nullable: true })
  metrics?: PostMetricsInput | null;
}

@InputType({ description: "Which posts to list; every condition must hold." })
export class PostFilter {
  @Field(() => Platform, { nullable: true })
  platform?: Platform;

  @Field(() => ID, { nullable: true, description: "Global ID of the author." })
  authorId?: string;

  @Field(() => MediaType, { nullable: true })
  mediaType?: MediaType;

  @Field(() => String, { nullable: true })
  category?: string;

  @Field(() => Boolean, { nullable: true })
  paid?: boolean;

  @Field(() => String, { nullable: true, description: "Posts carrying this hashtag (with or without #)." })
  hashtag?: string;

  @Field(() => Date, { nullable: true, description: "Published at or after." })
  publishedAfter?: Date;

  @Field(() => Date, { nullable: true, description: "Published before." })
  publishedBefore?: Date;
}

export enum PostOrderField {
  PUBLISHED_AT = "PUBLISHED_AT",
  LIKES = "LIKES",
  COMMENTS = "COMMENTS",
  SHARES = "SHARES",
  IMPRESSIONS = "IMPRESSIONS",
}
registerEnumType(PostOrderField, { name: "PostOrderField", description: "What posts are ordered by (ties by id); a cursor belongs to its ordering and direction." });

@InputType()
export class PostOrder {
  @Field(() => PostOrderField)
  field: PostOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.DESC })
  direction: OrderDirection;
}

@ArgsType()
export class PostsArgs extends ConnectionArgs {
  @Field(() => PostFilter, { nullable: true, description: "Only the posts matching every field given (null: all)." })
  filter?: PostFilter;

  @Field(() => PostOrder, { nullable: true, description: "Default: newest first." })
  orderBy?: PostOrder;
}
