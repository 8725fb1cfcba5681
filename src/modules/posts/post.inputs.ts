import { ArgsType, Field, ID, InputType, Int, registerEnumType } from "type-graphql";
import { ConnectionArgs, OrderDirection } from "../../graphql/relay";
import { Platform } from "../users/platform";
import { MediaType } from "./post.entity";

@InputType({ description: "Engagement totals reported by the platform (e.g. an Insights export); they replace the stored counters." })
export class PostMetricsInput {
  @Field(() => Int, { nullable: true, description: "Impressions (views), 0–2,000,000,000." })
  impressions?: number | null;

  @Field(() => Int, { nullable: true, description: "Distinct people reached, 0–2,000,000,000." })
  reach?: number | null;

  @Field(() => Int, { nullable: true, description: "Likes or reactions, 0–2,000,000,000." })
  likes?: number | null;

  @Field(() => Int, { nullable: true, description: "Comments, 0–2,000,000,000." })
  comments?: number | null;

  @Field(() => Int, { nullable: true, description: "Shares, 0–2,000,000,000." })
  shares?: number | null;

  @Field(() => Int, { nullable: true, description: "Link clicks, 0–2,000,000,000." })
  clicks?: number | null;

  @Field(() => Int, { nullable: true, description: "Purchases, 0–2,000,000,000." })
  conversions?: number | null;
}

@InputType({ description: "A post to create or update, keyed by (platform, externalId). Give the author by `authorId` or `authorHandle`." })
export class PostInput {
  @Field(() => Platform, { description: "The network it was published on; the author must be an account there." })
  platform: Platform;

  @Field({ description: "The post's id on its platform." })
  externalId: string;

  @Field(() => ID, { nullable: true, description: "Global ID of the author." })
  authorId?: string | null;

  @Field(() => String, { nullable: true, description: "Handle of the author on the same platform." })
  authorHandle?: string | null;

  @Field({ description: "Up to 10,000 characters; hashtags and mentions are parsed from it." })
  text: string;

  @Field(() => MediaType, { description: "The form of the post." })
  mediaType: MediaType;

  @Field(() => String, { nullable: true, description: "Topic or content category (lower-cased, runs of spaces folded to one)." })
  category?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Promoted with paid reach (null keeps the stored value; a new post gets false)." })
  paid?: boolean | null;

  @Field(() => Date, { description: "When it was published: from 2004-01-01 to 366 days ahead of the server's clock." })
  publishedAt: Date;

  @Field(() => [String], { nullable: true, description: "Extra hashtags not written in the text." })
  hashtags?: string[] | null;

  @Field(() => PostMetricsInput, { nullable: true, description: "Totals reported by the platform: each one given replaces the post's stored counter, the others keep theirs." })
  metrics?: PostMetricsInput | null;
}

@InputType({ description: "Which posts to list; every condition must hold." })
export class PostFilter {
  @Field(() => Platform, { nullable: true, description: "Published on this platform." })
  platform?: Platform;

  @Field(() => ID, { nullable: true, description: "Global ID of the author." })
  authorId?: string;

  @Field(() => MediaType, { nullable: true, description: "Of this form." })
  mediaType?: MediaType;

  @Field(() => String, { nullable: true, description: "Exactly this category (any case; runs of spaces read as one)." })
  category?: string;

  @Field(() => Boolean, { nullable: true, description: "Promoted (true) or not (false)." })
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
registerEnumType(PostOrderField, {
  name: "PostOrderField",
  description:
    "What posts are ordered by (ties by id); a cursor belongs to its ordering and direction. A counter ordering reads the counters as they are when each page is read: a post whose counter moves past the cursor between pages is skipped or listed again; PUBLISHED_AT pages every post once while interactions arrive.",
  valuesConfig: {
    PUBLISHED_AT: { description: "When it was published." },
    LIKES: { description: "Its likes counter." },
    COMMENTS: { description: "Its comments counter." },
    SHARES: { description: "Its shares counter." },
    IMPRESSIONS: { description: "Its impressions counter." },
  },
});

@InputType({ description: "How to order posts." })
export class PostOrder {
  @Field(() => PostOrderField, { description: "What to order by." })
  field: PostOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.DESC, description: "DESC (default): largest or newest first; ASC: the reverse." })
  direction: OrderDirection;
}

@ArgsType()
export class PostsArgs extends ConnectionArgs {
  @Field(() => PostFilter, { nullable: true, description: "Only the posts matching every field given (null: all)." })
  filter?: PostFilter;

  @Field(() => PostOrder, { nullable: true, description: "Default: newest first." })
  orderBy?: PostOrder;
}
