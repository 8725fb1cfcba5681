import { Arg, Args, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../graphql/context";
import { stillThere } from "../../graphql/errors";
import { connectionTypes } from "../../graphql/relay";
import { User } from "../users/user.entity";
import type { UserService } from "../users/user.service";
import { Post } from "./post.entity";
import { PostInput, PostsArgs } from "./post.inputs";
import type { PostService } from "./post.service";

export const { Connection: PostConnection } = connectionTypes(Post, "Post");

@ObjectType({ simpleResolvers: true, description: "What upsertPosts wrote, counted by row of the batch." })
export class UpsertPostsPayload {
  @Field(() => Int, { description: "Rows that created posts that did not exist." })
  created: number;

  @Field(() => Int, { description: "Rows that matched existing posts and were written to them (whether or not a value changed)." })
  updated: number;

  @Field(() => Int, { description: "Rows that repeated an earlier row's (platform, externalId) and were merged into it." })
  merged: number;

  @Field(() => [Post], { description: "The posts, in the order of their first row." })
  items: Post[];
}

@Resolver(() => Post)
export class PostResolver {
  constructor(
    private readonly postsService: PostService,
    private readonly usersService: UserService,
  ) {}

  @Query(() => PostConnection, { description: "Posts, newest first unless ordered otherwise." })
  posts(@Args() args: PostsArgs, @Ctx() ctx: Context) {
    return this.postsService.list(ctx.loaders, args);
  }

  @Query(() => Post, { description: "A post by global ID (NOT_FOUND if there is none)." })
  post(@Arg("id", () => ID, { description: "A Post's global ID." }) id: string, @Ctx() ctx: Context) {
    return this.postsService.getOrThrow(ctx.loaders, id);
  }

  @Mutation(() => UpsertPostsPayload, { description: "Create or update up to 5,000 posts by (platform, externalId), all or nothing." })
  upsertPosts(@Arg("posts", () => [PostInput], { validate: false, description: "1–5,000 posts, keyed by (platform, externalId); all or nothing." }) posts: PostInput[]) {
    return this.postsService.upsert(posts);
  }

  @FieldResolver(() => User, { description: "The account that published it." })
  author(@Root() post: Post, @Ctx() ctx: Context) {
    return stillThere(this.usersService.byId(ctx.loaders, post.authorId), "User", post.authorId, "author");
  }
}

/** Adds `User.posts` from the posts module, so the users module knows nothing of posts. */
@Resolver(() => User)
export class UserPostsResolver {
  constructor(private readonly postsService: PostService) {}

  @FieldResolver(() => PostConnection, { description: "Posts this account authored." })
  posts(@Root() user: User, @Args() args: PostsArgs, @Ctx() ctx: Context) {
    return this.postsService.ofAuthor(ctx.loaders, user.id, args);
  }
}
