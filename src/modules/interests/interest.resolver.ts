import { Arg, Ctx, Field, FieldResolver, Float, Int, ObjectType, registerEnumType, Resolver, Root } from "type-graphql";
import type { Context } from "../../graphql/context";
import { BadUserInputError } from "../../graphql/errors";
import { toGlobalId } from "../../graphql/relay";
import { User } from "../users/user.entity";
import type { UserService } from "../users/user.service";
import type { InterestService } from "./interest.service";

export enum InterestKindEnum {
  TOPIC = "TOPIC",
  HASHTAG = "HASHTAG",
  ACCOUNT = "ACCOUNT",
}
registerEnumType(InterestKindEnum, { name: "InterestKind", description: "TOPIC: a post's category; HASHTAG; ACCOUNT: a post's author." });

@ObjectType({ simpleResolvers: true, description: "How much a person cares about a topic, hashtag or account, from what they did." })
export class Interest {
  @Field(() => InterestKindEnum, { description: "What the key is: a topic, a hashtag or an account." })
  kind: InterestKindEnum;

  @Field({ description: "The topic, the hashtag (without #), or the account's global ID." })
  key: string;

  @Field({ description: "For people to read: the topic, #tag or @handle." })
  label: string;

  @Field(() => Float, { description: "Type-weighted (purchase 8, share 5, comment 3, like 2, click 1.5, view 0.5), halved every 30 days." })
  score: number;

  @Field(() => Float, { description: "The score's share of this person's interests of the same kind (0–1)." })
  share: number;
}

@Resolver(() => User)
export class UserInterestsResolver {
  constructor(
    private readonly interestService: InterestService,
    private readonly users: UserService,
  ) {}

  @FieldResolver(() => [Interest], { description: "The person's strongest interests, per kind, strongest first." })
  async interests(
    @Root() user: User,
    @Ctx() ctx: Context,
    @Arg("kinds", () => [InterestKindEnum], { nullable: true, description: "Default: every kind." }) kinds: InterestKindEnum[] | null,
    @Arg("first", () => Int, { defaultValue: 5, description: "Per kind, 1–50." }) first: number,
  ): Promise<Interest[]> {
    if (!Number.isInteger(first) || first < 1 || first > 50) throw new BadUserInputError("first", `expected \`first\` between 1 and 50, found ${first}`);
    if (kinds && kinds.length === 0) throw new BadUserInputError("kinds", "expected at least one kind (leave kinds out for all of them), found none");
    const wanted = new Set(kinds ?? Object.values(InterestKindEnum));
    const all = await this.interestService.forUser(ctx.loaders, user.id);
    const taken = new Map<string, number>();
    const picked = all.filter((i) => {
      if (!wanted.has(i.kind as InterestKindEnum)) return false;
      const n = taken.get(i.kind) ?? 0;
      taken.set(i.kind, n + 1);
      return n < first;
    });
    const accounts = await Promise.all(picked.map((i) => (i.kind === "ACCOUNT" ? this.users.byId(ctx.loaders, Number(i.key)) : Promise.resolve(undefined))));
    return picked.map((i, n) => ({
      kind: i.kind as InterestKindEnum,
      key: i.kind === "ACCOUNT" ? toGlobalId("User", i.key) : i.key,
      label: i.kind === "TOPIC" ? i.key : i.kind === "HASHTAG" ? `#${i.key}` : `@${accounts[n]?.handle ?? i.key}`,
      score: i.score,
      share: i.share,
    }));
  }
}
