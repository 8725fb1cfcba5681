import { ArgsType, Field, InputType, Int, registerEnumType } from "type-graphql";
import { ConnectionArgs, OrderDirection } from "../../graphql/relay";
import { Platform } from "./platform";
import { UserAttributes } from "./user.entity";

@InputType({ description: "An account to create or update, keyed by (platform, handle). Omitted fields keep their stored value." })
export class UserInput {
  @Field(() => Platform, { description: "The account's network; with the handle, the key the account is matched by." })
  platform: Platform;

  @Field({ description: "Handle on the platform; a leading @ is dropped and it is lower-cased." })
  handle: string;

  @Field(() => String, { nullable: true, description: "Name shown on the platform, up to 200 characters; null or blank clears it." })
  displayName?: string | null;

  @Field(() => Int, { nullable: true, description: "Follower count, 0–2,000,000,000 (null keeps the stored value; a new account gets 0)." })
  followers?: number | null;

  @Field(() => Boolean, { nullable: true, description: "A brand account rather than a person (null keeps the stored value; a new account gets false)." })
  isBrand?: boolean | null;

  @Field(() => UserAttributes, {
    nullable: true,
    description:
      "Merged into the stored attributes one by one: an attribute left out keeps its value, an explicit null (or blank text) clears it; `extra` is merged key by key (`extra: null` clears it all); `attributes: null` clears everything.",
  })
  attributes?: UserAttributes | null;
}

@InputType({ description: "Which accounts to list." })
export class UserFilter {
  @Field(() => Platform, { nullable: true, description: "Accounts on this platform." })
  platform?: Platform;

  @Field(() => Boolean, { nullable: true, description: "Brand accounts (true) or people (false)." })
  isBrand?: boolean;

  @Field(() => String, { nullable: true, description: "Exact handle (normalised like the input)." })
  handle?: string;

  @Field(() => Date, { nullable: true, description: "Created at or after." })
  createdAfter?: Date;

  @Field(() => Date, { nullable: true, description: "Created before." })
  createdBefore?: Date;
}

export enum UserOrderField {
  CREATED_AT = "CREATED_AT",
  FOLLOWERS = "FOLLOWERS",
}
registerEnumType(UserOrderField, {
  name: "UserOrderField",
  description: "What accounts are ordered by (ties by id); a cursor belongs to its ordering and direction.",
  valuesConfig: {
    CREATED_AT: { description: "When the account was first stored." },
    FOLLOWERS: { description: "Its follower count." },
  },
});

@InputType({ description: "How to order accounts." })
export class UserOrder {
  @Field(() => UserOrderField, { description: "What to order by." })
  field: UserOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.DESC, description: "DESC (default): most followers or newest first; ASC: the reverse." })
  direction: OrderDirection;
}

@ArgsType()
export class UsersArgs extends ConnectionArgs {
  @Field(() => UserFilter, { nullable: true, description: "Only the accounts matching every field given (null: all)." })
  filter?: UserFilter;

  @Field(() => UserOrder, { nullable: true, description: "Default: newest first." })
  orderBy?: UserOrder;
}
