import { ArgsType, Field, Float, ID, InputType, registerEnumType } from "type-graphql";
import { ConnectionArgs, OrderDirection } from "../../graphql/relay";
import { Platform } from "../users/platform";
import { InteractionType } from "./interaction.entity";

@InputType({
  description:
    "One event to record. Name the person by `userId` or (`platform`, `userHandle`) and the post by `postId` or (`platform`, `postExternalId`).",
})
export class InteractionInput {
  @Field(() => String, { nullable: true, description: "The source's event id; without one, the key is (user, post, type, occurredAt)." })
  externalId?: string | null;

  @Field(() => ID, { nullable: true, description: "The person's global ID (or userHandle with platform)." })
  userId?: string | null;

  @Field(() => String, { nullable: true, description: "The person's handle on `platform` (a leading @ is dropped; any case)." })
  userHandle?: string | null;

  @Field(() => ID, { nullable: true, description: "The post's global ID (or postExternalId with platform)." })
  postId?: string | null;

  @Field(() => String, { nullable: true, description: "The post's id on `platform`." })
  postExternalId?: string | null;

  @Field(() => Platform, { nullable: true, description: "Needed with userHandle or postExternalId." })
  platform?: Platform | null;

  @Field(() => InteractionType, { description: "What the person did." })
  type: InteractionType;

  @Field(() => Float, { nullable: true, description: "Purchase amount, rating or watch time." })
  value?: number | null;

  @Field(() => String, { nullable: true, description: "Comment text, up to 10,000 characters." })
  text?: string | null;

  @Field(() => Date, { description: "When it happened: from 2004-01-01 to a day ahead of the server's clock, and not before the post's publication." })
  occurredAt: Date;
}

@InputType({ description: "Which interactions to list; every condition must hold." })
export class InteractionFilter {
  @Field(() => [InteractionType], { nullable: true, description: "Of any of these types (an empty list is refused; leave it out for all)." })
  types?: InteractionType[];

  @Field(() => ID, { nullable: true, description: "Done by this person (a User's global ID)." })
  userId?: string;

  @Field(() => ID, { nullable: true, description: "On this post (a Post's global ID)." })
  postId?: string;

  @Field(() => Platform, { nullable: true, description: "The platform of the post." })
  platform?: Platform;

  @Field(() => Date, { nullable: true, description: "Occurred at or after." })
  occurredAfter?: Date;

  @Field(() => Date, { nullable: true, description: "Occurred before." })
  occurredBefore?: Date;
}

export enum InteractionOrderField {
  OCCURRED_AT = "OCCURRED_AT",
}
registerEnumType(InteractionOrderField, {
  name: "InteractionOrderField",
  description: "What interactions are ordered by (ties by id); a cursor belongs to its ordering and direction.",
  valuesConfig: {
    OCCURRED_AT: { description: "When it happened." },
  },
});

@InputType({ description: "How to order interactions." })
export class InteractionOrder {
  @Field(() => InteractionOrderField, { description: "What to order by." })
  field: InteractionOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.DESC, description: "DESC (default): most recent first; ASC: oldest first." })
  direction: OrderDirection;
}

@ArgsType()
export class InteractionsArgs extends ConnectionArgs {
  @Field(() => InteractionFilter, { nullable: true, description: "Only the interactions matching every field given (null: all)." })
  filter?: InteractionFilter;

  @Field(() => InteractionOrder, { nullable: true, description: "Default: most recent first." })
  orderBy?: InteractionOrder;
}
