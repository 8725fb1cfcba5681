import { Arg, Args, Ctx, Field, FieldResolver, Int, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../graphql/context";
import { stillThere } from "../../graphql/errors";
import { connectionTypes } from "../../graphql/relay";
import { Post } from "../posts/post.entity";
import type { PostService } from "../posts/post.service";
import { User } from "../users/user.entity";
import type { UserService } from "../users/user.service";
import { Interaction } from "./interaction.entity";
import { InteractionInput, InteractionsArgs } from "./interaction.inputs";
import type { InteractionService } from "./interaction.service";

export const { Connection: InteractionConnection } = connectionTypes(Interaction, "Interaction");

@ObjectType({ simpleResolvers: true, description: "What recordInteractions did with the batch." })
export class RecordInteractionsPayload {
  @Field(() => Int, { description: "Rows in the batch." })
  received: number;

  @Field(() => Int, { description: "Rows written now." })
  recorded: number;

  @Field(() => Int, { description: "Rows already recorded (same external id) or repeated in the batch: nothing changed for them." })
  duplicates: number;

  @Field(() => Int, { description: "Posts whose counters moved." })
  postsUpdated: number;
}

@Resolver(() => Interaction)
export class InteractionResolver {
  constructor(
    private readonly interactionsService: InteractionService,
    private readonly usersService: UserService,
    private readonly postsService: PostService,
  ) {}

  @Query(() => InteractionConnection, { description: "Interactions, most recent first." })
  interactions(@Args() args: InteractionsArgs, @Ctx() ctx: Context) {
    return this.interactionsService.list(ctx.loaders, args);
  }

  @Mutation(() => RecordInteractionsPayload, {
    description: "Record up to 5,000 interactions, all or nothing; idempotent on external ids; post counters follow.",
  })
  recordInteractions(@Arg("interactions", () => [InteractionInput], { validate: false, description: "1–5,000 events; all or nothing; a re-sent one (same post and externalId) is a duplicate, not an error." }) interactions: InteractionInput[]) {
    return this.interactionsService.record(interactions);
  }

  @FieldResolver(() => User, { description: "The person who did it." })
  user(@Root() interaction: Interaction, @Ctx() ctx: Context) {
    return stillThere(this.usersService.byId(ctx.loaders, interaction.userId), "User", interaction.userId, "user");
  }

  @FieldResolver(() => Post, { description: "The post it was done with." })
  post(@Root() interaction: Interaction, @Ctx() ctx: Context) {
    return stillThere(this.postsService.byId(ctx.loaders, interaction.postId), "Post", interaction.postId, "post");
  }
}

@Resolver(() => Post)
export class PostInteractionsResolver {
  constructor(private readonly interactionsService: InteractionService) {}

  @FieldResolver(() => InteractionConnection, { description: "What people did with this post." })
  interactions(@Root() post: Post, @Args() args: InteractionsArgs, @Ctx() ctx: Context) {
    return this.interactionsService.ofParent(ctx.loaders, "postId", post.id, args);
  }
}

@Resolver(() => User)
export class UserInteractionsResolver {
  constructor(private readonly interactionsService: InteractionService) {}

  @FieldResolver(() => InteractionConnection, { description: "What this account did." })
  interactions(@Root() user: User, @Args() args: InteractionsArgs, @Ctx() ctx: Context) {
    return this.interactionsService.ofParent(ctx.loaders, "userId", user.id, args);
  }
}
