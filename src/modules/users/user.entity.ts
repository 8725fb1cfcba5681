import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { Field, InputType, Int, ObjectType } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import { Node } from "../../graphql/relay";
import { Platform } from "./platform";

/** Optional CRM attributes of a person, typed; anything else goes in `extra`. */
@ObjectType("UserAttributes", { simpleResolvers: true, description: "CRM attributes of a person (all optional)." })
@InputType("UserAttributesInput", { description: "CRM attributes of a person (all optional); UserInput.attributes says how they merge into the stored ones." })
export class UserAttributes {
  @Field(() => Int, { nullable: true, description: "Age in years (13–120)." })
  age?: number | null;

  @Field(() => String, { nullable: true, description: "Gender, as the source gives it (free text, up to 200 characters)." })
  gender?: string | null;

  @Field(() => String, { nullable: true, description: "Occupation, as the source gives it (free text, up to 200 characters)." })
  job?: string | null;

  @Field(() => String, { nullable: true, description: "Marital status, as the source gives it (free text, up to 200 characters)." })
  maritalStatus?: string | null;

  @Field(() => String, { nullable: true, description: "Education level, as the source gives it (free text, up to 200 characters)." })
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

  @Field(() => Platform, { description: "The network the account is on; a handle is unique per platform." })
  @Column({ type: "varchar", length: 16 })
  platform: Platform;

  @Field({ description: "The account's handle on its platform, without @, lower-cased." })
  @Column({ type: "varchar", length: 100 })
  handle: string;

  @Field(() => String, { nullable: true, description: "The name shown on the platform, up to 200 characters (null when there is none)." })
  @Column({ type: "varchar", length: 200, nullable: true })
  displayName: string | null;

  @Field(() => Int, { description: "Followers as last sent (0 until given)." })
  @Column({ type: "integer", default: 0 })
  followers: number;

  @Field({ description: "A brand account (posts content) rather than a person." })
  @Column({ type: "boolean", default: false })
  isBrand: boolean;

  @Field(() => UserAttributes, { nullable: true, description: "CRM attributes (null when none are stored)." })
  @Column({ type: "simple-json", nullable: true })
  attributes: UserAttributes | null;

  @Field({ description: "When the account was first stored (server time)." })
  @CreateDateColumn()
  createdAt: Date;

  @Field({ description: "When upsertUsers (or an import) last wrote the account, whether or not a value changed (server time)." })
  @UpdateDateColumn()
  updatedAt: Date;
}
