import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { Field, InputType, Int, ObjectType } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import { Node } from "../../graphql/relay";
import { Platform } from "./platform";

/** Optional CRM attributes of a person, typed; anything else goes in `extra`. */
@ObjectType("UserAttributes", { simpleResolvers: true, description: "CRM attributes of a person (all optional)." })
@InputType("UserAttributesInput")
export class UserAttributes {
  @Field(() => Int, { nullable: true, description: "Age in years (13–120)." })
  age?: number | null;

  @Field(() => String, { nullable: true })
  gender?: string | null;

  @Field(() => String, { nullable: true })
  job?: string | null;

  @Field(() => String, { nullable: true })
  maritalStatus?: string | null;

  @Field(() => String, { nullable: true })
  education?: string | null;

  @Field(() => String, { nullable: true, description: "City or region." })
  location?: string | null;

  @Field(() => String, { nullable: true, description: "ISO 3166-1 alpha-2 country code (validated, stored upper-case)." })
  country?: string | null;

  @Field(() => String, { nullable: true, description: "ISO 639-1 language code (validated, stored upper-case)." })
  language?: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: "Any other attribute, as a JSON object." })
  extra?: Record<string, unknown> | null;
}

/** A social account: a person in the audience or a brand that posts. */
@Entity("users")
@Index("users_platform_handle", ["platform", "handle"], { unique: true })
@Index("users_followers", ["followers", "id"])
@Index("users_created", ["createdAt", "id"])
@Index("users_brand", ["isBrand", "id"])
@ObjectType("User", { implements: Node, simpleResolvers: true, description: "A social account: a person in the audience or a brand." })
export class User extends Node {
  @PrimaryGeneratedColumn()
  id: number;

  @Field(() => Platform)
  @Column({ type: "varchar", length: 16 })
  platform: Platform;

  @Field({ description: "The account's handle on its platform, without @, lower-cased." })
  @Column({ type: "varchar", length: 100 })
  handle: string;

  @Field(() => String, { nullable: true })
  @Column({ type: "varchar", length: 200, nullable: true })
  displayName: string | null;

  @Field(() => Int)
  @Column({ type: "integer", default: 0 })
  followers: number;

  @Field({ description: "A brand account (posts content) rather than a person." })
  @Column({ type: "boolean", default: false })
  isBrand: boolean;

  @Field(() => UserAttributes, { nullable: true })
  @Column({ type: "simple-json", nullable: true })
  attributes: UserAttributes | null;

  @Field()
  @CreateDateColumn()
  createdAt: Date;

  @Field()
  @UpdateDateColumn()
  updatedAt: Date;
}
