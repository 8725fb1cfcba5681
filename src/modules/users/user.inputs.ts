import { ArgsType, Field, InputType, Int, registerEnumType } from "type-graphql";
import { ConnectionArgs, OrderDirection } from "../../graphql/relay";
import { Platform } from "./platform";
import { UserAttributes } from "./user.entity";

@InputType({ description: "An account to create or update, keyed by (platform, handle). Omitted fields keep their stored value." })
export class UserInput {
  @Field(() => Platform)
  platform: Platform;

  @Field({ description: "Handle on the platform; a leading @ is dropped and it is lower-cased." })
  handle: string;

  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => Int, { nullable: true })
  followers?: number | null;

  @Field(() => Boolean, { nullable: true })
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
  @Field(() => Platform, { nullable: true })
  platform?: Platform;

  @Field(() => Boolean, { nullable: true })
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
registerEnumType(UserOrderField, { name: "UserOrderField", description: "What accounts are ordered by (ties by id); a cursor belongs to its ordering and direction." });

@InputType()
export class UserOrder {
  @Field(() => UserOrderField)
  field: UserOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.DESC })
  direction: OrderDirection;
}

@ArgsType()
export class UsersArgs extends ConnectionArgs {
  @Field(() => UserFilter, { nullable: true, description: "Only the accounts matching every field given (null: all)." })
  filter?: UserFilter;

  @Field(() => UserOrder, { nullable: true, description: "Default: newest first." })
  orderBy?: UserOrder;
}
