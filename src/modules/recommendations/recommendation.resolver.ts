import { Arg, Ctx, Field, FieldResolver, Float, ID, Int, ObjectType, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../graphql/context";
import { BadUserInputError, stillThere } from "../../graphql/errors";
import { PageInfo } from "../../graphql/relay";
import { Uncacheable } from "../../graphql/response-cache";
import { Post } from "../posts/post.entity";
import type { PostService } from "../posts/post.service";
import type { UserService } from "../users/user.service";
import type { RecommendationService, RecommendedPost } from "./recommendation.service";

@ObjectType("RecommendedPost", { simpleResolvers: true, description: "A post recommended to someone, with why." })
export class RecommendedPostType {
  @Field(() => Int, { description: "1 = best." })
  rank: number;

  @Field(() => Float, { description: "The blend's score (relative within one list)." })
  score: number;

  @Field({
    description:
      "Why, in words: “because you shared …”, “on #topic, which you viewed” (“new on …” for a post published in the data's last 7 days; “which you often engage with” after more than views on three or more such posts), “trending since your last visit” (“trending now” for someone with no history), “popular now” (“popular earlier” when its last interaction, a view included, was more than 7 days before the data's latest one), “no engagement yet”, …",
  })
  reason: string;

  @Field({ description: "Which signal put it there: similar (people who engaged with what you did), content, trending, popular, or none (nobody engaged with the post yet: listed last, newest first, score 0)." })
  source: string;

  postId: number;
}

@ObjectType({ simpleResolvers: true, description: "One recommendation of a page, with its cursor." })
export class RecommendationEdge {
  @Field({ description: "This entry's position in the person's ranked list, for `after`." })
  cursor: string;

  @Field(() => RecommendedPostType, { description: "The recommended post." })
  node: RecommendedPostType;
}

@ObjectType({ simpleResolvers: true, description: "A page of recommendations, best first." })
export class RecommendationConnection {
  @Field(() => [RecommendationEdge], { description: "The page's entries with their cursors, best first." })
  edges: RecommendationEdge[];

  @Field(() => [RecommendedPostType], { description: "The entries of the edges, for clients that need no cursors." })
  nodes: RecommendedPostType[];

  @Field(() => PageInfo, { description: "Where the page sits in the list and whether more follow." })
  pageInfo: PageInfo;
}

/** A position in one person's ranked list: the next page continues that list (see RecommendationService.forUser). */
const cursorOf = (userId: number, listId: number, rank: number) => Buffer.from(`recu:${userId}:${listId}:${rank}`).toString("base64url");

/**
 * The list and offset of a cursor, which must be of this person's list (another person's cursor is a
 * mistake, not a position). Older cursors are read too: `rec:<list>:<rank>`, and `rec:<rank>`, a position
 * in the person's current list.
 */
function positionOf(after: string | null, userId: number): { listId: number | null; offset: number } {
  if (after == null) return { listId: null, offset: 0 };
  const text = Buffer.from(after, "base64url").toString("utf8");
  const current = /^recu:(\d{1,15}):(\d{1,15}):(\d{1,9})$/.exec(text);
  if (current) {
    if (Number(current[1]) !== userId) throw new BadUserInputError("after", "expected a cursor from this person's recommendations, found one from another person's");
    return { listId: Number(current[2]), offset: Number(current[3]) };
  }
  const m = /^rec:(?:(\d{1,15}):)?(\d{1,9})$/.exec(text);
  if (!m) throw new BadUserInputError("after", `expected a cursor from recommendations, found ${JSON.stringify(after)}`);
  return { listId: m[1] === undefined ? null : Number(m[1]), offset: Number(m[2]) };
}

@Resolver(() => RecommendedPostType)
export class RecommendationResolver {
  constructor(
    private readonly recommendationService: RecommendationService,
    private readonly users: UserService,
    private readonly posts: PostService,
  ) {}

  @Uncacheable("ranked by the in-memory recommender, which is refitted after the data changed while the previous fit keeps serving")
  @Query(() => RecommendationConnection, {
    description:
      "Posts for a person, best first, each with a reason; never one they already engaged with, one they authored, or one scheduled for later (publishedAt after now); a full page for someone with no history while there are posts to recommend. `after` continues the list the cursor came from, without what the person engaged with since.",
  })
  async recommendations(
    @Arg("userId", () => ID, { description: "The person's (a User's) global ID." }) userId: string,
    @Arg("first", () => Int, { defaultValue: 10, description: "1–50." }) first: number,
    @Arg("after", () => String, { nullable: true, description: "An endCursor of this person's recommendations to continue after." }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<RecommendationConnection> {
    const user = await this.users.getOrThrow(ctx.loaders, userId, "userId");
    const { listId, offset } = positionOf(after, user.id);
    const page = await this.recommendationService.forUser(ctx.loaders, user.id, first, offset, listId);
    const { items, hasNextPage } = page;
    const edges = items.map((node: RecommendedPost) => ({ cursor: cursorOf(user.id, page.listId, node.rank), node }));
    // The end cursor is the list position after the page, also when its last posts were left out (engaged with since).
    const endCursor = page.end > offset ? cursorOf(user.id, page.listId, page.end) : (edges.at(-1)?.cursor ?? null);
    return { edges, nodes: edges.map((e) => e.node), pageInfo: { hasNextPage, hasPreviousPage: offset > 0, startCursor: edges[0]?.cursor ?? null, endCursor } };
  }

  @Uncacheable("ranked by the in-memory recommender, which is refitted after the data changed while the previous fit keeps serving")
  @Query(() => [RecommendedPostType], { description: "Posts like this one, best first, each with a reason; never one scheduled for later (publishedAt after now)." })
  async similarPosts(@Arg("postId", () => ID, { description: "The post to find others like." }) postId: string, @Arg("first", () => Int, { defaultValue: 10, description: "1–50." }) first: number, @Ctx() ctx: Context) {
    const post = await this.posts.getOrThrow(ctx.loaders, postId, "postId");
    return this.recommendationService.similarTo(ctx.loaders, post.id, first);
  }

  @FieldResolver(() => Post, { description: "The post recommended." })
  post(@Root() r: RecommendedPostType, @Ctx() ctx: Context) {
    return stillThere(this.posts.byId(ctx.loaders, r.postId), "Post", r.postId, "post");
  }
}
