import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { Context } from "../../graphql/context";
import { Post } from "../posts/post.entity";
import { User } from "../users/user.entity";
import type { PredictionService } from "./prediction.service";
import { DraftPostInput, DraftPrediction, PredictionExplanation, PredictionType } from "./prediction.types";

@Resolver(() => PredictionType)
export class PredictionResolver {
  constructor(private readonly predictionService: PredictionService) {}

  @FieldResolver(() => PredictionExplanation, { description: "The features that pushed this prediction up or down, with amounts." })
  explanation(@Root() prediction: PredictionType) {
    return this.predictionService.explain(prediction);
  }

  @Query(() => DraftPrediction, { description: "A draft's expected engagement and virality, with explanations, before it is published." })
  predictPost(@Arg("draft", () => DraftPostInput, { description: "What is known of the post before it is published." }) draft: DraftPostInput, @Ctx() ctx: Context) {
    return this.predictionService.draft(ctx.loaders, draft);
  }
}

@Resolver(() => Post)
export class PostPredictionsResolver {
  constructor(private readonly predictionService: PredictionService) {}

  @FieldResolver(() => PredictionType, { nullable: true, description: "Engagements the active engagement model expects (null while none is active)." })
  predictedEngagement(@Root() post: Post, @Ctx() ctx: Context) {
    return this.predictionService.forEntity(ctx.loaders, "engagement", "post", post.id);
  }

  @FieldResolver(() => PredictionType, { nullable: true, description: "Probability of going viral (null while no virality model is active)." })
  viralProbability(@Root() post: Post, @Ctx() ctx: Context) {
    return this.predictionService.forEntity(ctx.loaders, "virality", "post", post.id);
  }
}

@Resolver(() => User)
export class UserPredictionsResolver {
  constructor(private readonly predictionService: PredictionService) {}

  @FieldResolver(() => PredictionType, { nullable: true, description: "Probability that this person buys (null while no conversion model is active, and for brand accounts, which it is not trained on)." })
  conversionProbability(@Root() user: User, @Ctx() ctx: Context) {
    return this.predictionService.forEntity(ctx.loaders, "conversion", "user", user.id);
  }

  @FieldResolver(() => PredictionType, { nullable: true, description: "Probability that this active person goes quiet in the next 30 days (null while no churn model is active, for brand accounts, for people who never interacted, which it is not trained on, and for people already quiet for 30 days or more, who have churned by its definition)." })
  churnProbability(@Root() user: User, @Ctx() ctx: Context) {
    return this.predictionService.forEntity(ctx.loaders, "churn", "user", user.id);
  }
}
