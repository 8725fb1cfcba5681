import { Arg, Args, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import type { Context } from "../../graphql/context";
import { connectionTypes } from "../../graphql/relay";
import { Platform } from "./platform";
import { User } from "./user.entity";
import { UserInput, UsersArgs } from "./user.inputs";
import type { UserService } from "./user.service";

export const { Connection: UserConnection } = connectionTypes(User, "User");

@ObjectType({ simpleResolvers: true, description: "What upsertUsers wrote, counted by row of the batch." })
export class UpsertUsersPayload {
  @Field(() => Int, { description: "Rows that created accounts that did not exist." })
  created: number;

  @Field(() => Int, { description: "Rows that matched existing accounts and were written to them (whether or not a value changed)." })
  updated: number;

  @Field(() => Int, { description: "Rows that repeated an earlier row's (platform, handle) and were merged into it." })
  merged: number;

  @Field(() => [User], { description: "The accounts, in the order of their first row." })
  items: User[];
}

@ObjectType({ simpleResolvers: true, description: "How many rows of one kind an erasure removed or corrected." })
export class ErasureCount {
  @Field({ description: "The kind of rows: sentimentScores, vocabularyRules, predictions, recommendations, segmentMemberships, interactions, postsCorrected, postHashtags, posts or users." })
  what: string;

  @Field(() => Int, { description: "Rows removed; for postsCorrected, other people's posts whose counters lost the person's interactions." })
  count: number;
}

@ObjectType({ simpleResolvers: true, description: "What a privacy erasure removed or corrected, in one transaction." })
export class DeleteUserPayload {
  @Field(() => ID, { description: "The erased account's global ID (the one given)." })
  deletedUserId: string;

  @Field(() => [ErasureCount], { description: "What went, one entry per kind, in the order the modules erase (a kind with nothing to remove counts 0)." })
  removed: ErasureCount[];
}

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly usersService: UserService) {}

  @Query(() => UserConnection, { description: "Accounts, newest first unless ordered otherwise." })
  users(@Args() args: UsersArgs) {
    return this.usersService.list(args, args.filter, args.orderBy);
  }

  @Query(() => User, { description: "An account by global ID (NOT_FOUND if there is none)." })
  user(@Arg("id", () => ID, { description: "A User's global ID." }) id: string, @Ctx() ctx: Context) {
    return this.usersService.getOrThrow(ctx.loaders, id);
  }

  @Query(() => User, { nullable: true, description: "An account by its handle on a platform." })
  userByHandle(@Arg("platform", () => Platform, { description: "A handle is unique per platform only." }) platform: Platform, @Arg("handle", { description: "With or without its leading @, any case." }) handle: string) {
    return this.usersService.byHandle(platform, handle);
  }

  @Mutation(() => UpsertUsersPayload, { description: "Create or update up to 5,000 accounts by (platform, handle), all or nothing." })
  upsertUsers(@Arg("users", () => [UserInput], { validate: false, description: "1–5,000 accounts, keyed by (platform, handle); all or nothing." }) users: UserInput[]) {
    return this.usersService.upsert(users);
  }

  @Mutation(() => DeleteUserPayload, {
    description: "Privacy erasure: the account, its posts and interactions, and everything derived from them.",
  })
  deleteUser(@Arg("id", () => ID, { description: "The global ID of the User to erase." }) id: string, @Ctx() ctx: Context) {
    return this.usersService.delete(ctx.loaders, id);
  }
}
