import { Field, Float, ID, InputType, ObjectType } from "type-graphql";
import { MediaType } from "../posts/post.entity";
import { Platform } from "../users/platform";
import { ModelVersion } from "../models/model-version.entity";
import type { FeatureRow } from "../../ml/types";

@ObjectType({ simpleResolvers: true, description: "How much one feature pushed a prediction up or down." })
export class FeatureContribution {
  @Field({ description: "The input feature's name, as in the model's features (e.g. mediaType, hour, extra.<attribute>)." })
  feature: string;

  @Field({ description: "The feature and its value in words, e.g. \"media type is VIDEO\"." })
  label: string;

  @Field(() => String, { nullable: true, description: "The row's value as text (numbers to at most 2 decimals, booleans yes or no); null when missing." })
  value: string | null;

  @Field(() => String, {
    nullable: true,
    description: "How the model read the value when it differs from it: a number beyond what training saw as the training range's edge, a category training never saw as \"(other)\"; null otherwise.",
  })
  readAs: string | null;

  @Field(() => Float, { description: "In the prediction's units (engagements, or probability for a probability)." })
  contribution: number;
}

@ObjectType({ simpleResolvers: true, description: "Why a model predicted what it did." })
export class PredictionExplanation {
  @Field(() => Float, { description: "The prediction for an average row (training mean or prevalence)." })
  base: number;

  @Field(() => Float, { description: "The prediction explained (the Prediction's value), in the same units as base." })
  prediction: number;

  @Field(() => [FeatureContribution], { description: "Largest effect first; they add up to prediction − base (features that moved nothing are left out)." })
  contributions: FeatureContribution[];

  @Field({ description: "The explanation in one or two sentences." })
  summary: string;
}

/** A prediction as resolvers return it; the explanation is computed only when selected. */
export interface PredictionValue {
  modelName: string;
  value: number;
  version: ModelVersion;
  row: FeatureRow;
  /** "probability" for binary models, otherwise the target's name. */
  unit: string;
}

@ObjectType("Prediction", { simpleResolvers: true, description: "A model's prediction, naming the version that made it." })
export class PredictionType {
  @Field({ description: "The model's name." })
  model: string;

  @Field(() => Float, { description: "The target's units (e.g. engagements), or a probability (0–1) for yes/no models." })
  value: number;

  @Field({ description: "engagements, probability, …" })
  unit: string;

  @Field(() => ModelVersion, { description: "The version that made it: the model's active version." })
  modelVersion: ModelVersion;

  /** Kept for the explanation. */
  source: PredictionValue;
}

@InputType({ description: "A post not yet published: what is known before publishing." })
export class DraftPostInput {
  @Field({ description: "Up to 10,000 characters; hashtags and mentions are parsed from it." })
  text: string;

  @Field(() => MediaType, { description: "The form the post will take." })
  mediaType: MediaType;

  @Field(() => String, { nullable: true, description: "Topic or content category (lower-cased, as posts store it)." })
  category?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: "Whether it will be promoted with paid reach." })
  paid?: boolean | null;

  @Field(() => ID, { description: "The account that will publish it." })
  authorId: string;

  @Field(() => Date, { description: "When it will be published." })
  scheduledFor: Date;

  @Field(() => Platform, { nullable: true, description: "The author's platform (the default; another one is refused)." })
  platform?: Platform | null;
}

@ObjectType({ simpleResolvers: true, description: "What the active models expect of a draft." })
export class DraftPrediction {
  @Field(() => PredictionType, { nullable: true, description: "Expected engagements (null while no engagement model is active)." })
  engagement: PredictionType | null;

  @Field(() => PredictionType, { nullable: true, description: "Probability of going viral (null while no virality model is active)." })
  viralProbability: PredictionType | null;
}
