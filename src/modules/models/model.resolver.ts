import { Arg, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { ModelVersion } from "./model-version.entity";
import type { ModelService } from "./model.service";
import { CrossValidation, DataQualityReport, FeatureImportanceItem, HoldoutEvaluation, ModelType, TrainingRunType } from "./model.types";
import { crossValidationOf, holdoutOf, importancesOf, qualityOf } from "./model.views";

@Resolver(() => ModelType)
export class ModelResolver {
  constructor(private readonly modelService: ModelService) {}

  @Query(() => [ModelType], { description: "Every model spec in models/, valid or not." })
  models() {
    return this.modelService.specEntries().map(ModelType.of);
  }

  @Query(() => ModelType, { description: "A model by name (NOT_FOUND if there is no models/<name>.json)." })
  model(@Arg("name", { description: "The spec's name: models/<name>.json." }) name: string) {
    return ModelType.of(this.modelService.specEntry(name));
  }

  @Query(() => TrainingRunType, { description: "A training run, by the ID trainModel returned." })
  async trainingRun(@Arg("id", () => ID, { description: "The run's ID as trainModel returned it (its version's ID works too)." }) id: string) {
    return TrainingRunType.of(await this.modelService.runOrThrow(id));
  }

  @Mutation(() => TrainingRunType, {
    nullable: true,
    description:
      "Train a model from the current data in a worker thread; returns at once with a run to poll. A bad spec or an unusable table is refused here (null, with the error; other trainings asked for in the same request still start and answer).",
  })
  async trainModel(@Arg("name", { description: "The spec's name: models/<name>.json." }) name: string) {
    return TrainingRunType.of(await this.modelService.train(name));
  }

  @Mutation(() => ModelVersion, { description: "Make a trained version the one that serves (also rolls back to a retired one)." })
  activateModelVersion(@Arg("id", () => ID, { description: "A ModelVersion's global ID." }) id: string) {
    return this.modelService.activate(id);
  }

  @Mutation(() => ModelType, {
    description:
      "Stop serving a model: its active version is retired (activate it again to roll back). Its predictions are null until a version is active again; for sentiment, the lexicon scores every text again.",
  })
  async deactivateModel(@Arg("name", { description: "The spec's name: models/<name>.json." }) name: string) {
    const entry = this.modelService.specEntry(name);
    await this.modelService.deactivate(name);
    return ModelType.of(entry);
  }

  @FieldResolver(() => ModelVersion, { nullable: true, description: "The version serving predictions." })
  activeVersion(@Root() model: ModelType) {
    return this.modelService.activeVersion(model.name);
  }

  @FieldResolver(() => [ModelVersion], { description: "Every version, newest first." })
  versions(@Root() model: ModelType) {
    return this.modelService.versions(model.name);
  }
}

@Resolver(() => ModelVersion)
export class ModelVersionResolver {
  constructor(private readonly modelService: ModelService) {}

  @FieldResolver(() => CrossValidation, { nullable: true, description: "Cross-validated scores of every candidate and of the baseline." })
  crossValidation(@Root() version: ModelVersion) {
    return crossValidationOf(version);
  }

  @FieldResolver(() => HoldoutEvaluation, { nullable: true, description: "The winner and the baseline on held-out rows (null until training succeeded)." })
  holdout(@Root() version: ModelVersion) {
    return holdoutOf(version);
  }

  @FieldResolver(() => [FeatureImportanceItem], { description: "Permutation importance on held-out rows, most important first (a sentiment model lists each label's 8 largest weights, the largest first across the labels; a ranking model its blend's weights, largest first)." })
  featureImportances(@Root() version: ModelVersion) {
    return importancesOf(version);
  }

  @FieldResolver(() => [String], { description: "The features it was trained on and is served with, as built (a spec's `topic.*` is the topics there were)." })
  features(@Root() version: ModelVersion): string[] {
    const features = (version.spec as { features?: Array<{ name: string }> }).features ?? [];
    return features.map((f) => f.name);
  }

  @FieldResolver(() => DataQualityReport, { nullable: true, description: "The training table's data-quality report, made when training was asked for." })
  qualityReport(@Root() version: ModelVersion) {
    return qualityOf(version);
  }

  @FieldResolver(() => TrainingRunType, { description: "The run that trained it: live while it trains, then from the stored version." })
  trainingRun(@Root() version: ModelVersion) {
    return TrainingRunType.of(this.modelService.runOf(version));
  }
}
