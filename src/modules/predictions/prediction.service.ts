import { BadUserInputError } from "../../graphql/errors";
import type { Loaders } from "../../graphql/loaders";
import type { FeatureRow, FeatureSpec } from "../../ml/types";
import { cleanText, normalizeTopic, parseHashtags, parseMentions } from "../../nlp/text";
import type { ModelService } from "../models/model.service";
import { servedModels } from "../models/model-specs";
import type { UserService } from "../users/user.service";
import { explainInWords } from "./explanation-text";
import { publicationTimeProblem } from "../posts/publication-time";
import type { PostFacts } from "./post-features";
import type { DraftPostInput, DraftPrediction, PredictionExplanation, PredictionType } from "./prediction.types";

type Entity = "post" | "user";

/** Serves predictions of the active model versions for posts, people and drafts, with their explanations. */
export class PredictionService {
  constructor(
    private readonly models: ModelService,
    private readonly users: UserService,
  ) {}

  /** The active version's prediction for one post or person, batched over the request (null when no version is active). */
  forEntity(loaders: Loaders, modelName: string, entity: Entity, id: number): Promise<PredictionType | null> {
    return loaders.get<number, PredictionType | null>(`Prediction:${modelName}:${entity}`, (ids) => this.batch(modelName, entity, ids)).load(id);
  }

  /** The active version of a served model, unless it is of another task than the field serves (trained from a spec of before that was checked). */
  private async servable(modelName: string) {
    const version = await this.models.activeVersion(modelName);
    return version && version.task === servedModels[modelName]?.task ? version : undefined;
  }

  private async batch(modelName: string, entity: Entity, ids: readonly number[]): Promise<Array<PredictionType | null>> {
    const version = await this.servable(modelName);
    if (!version) return ids.map(() => null);
    const { features, target } = version.spec as { features: FeatureSpec[]; target?: string };
    const store = this.models.featureStore;
    // Served rows are built as the version's training rows were (e.g. without purchases for "converted").
    const rows = entity === "post" ? await store.postRows(features, ids) : await store.userRows(features, ids, target);
    const present = rows.filter((r): r is FeatureRow => r !== undefined);
    const model = await this.models.model(version.id);
    const values = present.length ? model.predict(present) : [];
    const unit = version.task === "binary" ? "probability" : String((version.dataStats as { target?: string } | null)?.target ?? "value");
    let k = 0;
    return rows.map((row) => {
      if (!row) return null;
      const value = values[k++];
      const source = { modelName, value, version, row, unit };
      return { model: modelName, value, unit, modelVersion: version, source };
    });
  }

  /** What the engagement and virality models expect of a draft, before it is published. */
  async draft(loaders: Loaders, input: DraftPostInput): Promise<DraftPrediction> {
    const text = cleanText(input.text ?? "");
    if (text.length > 10_000) throw new BadUserInputError("draft.text", `expected at most 10000 characters (UTF-16 units: most emoji count 2), found ${text.length}`);
    const when = input.scheduledFor;
    if (!(when instanceof Date) || Number.isNaN(when.getTime())) throw new BadUserInputError("draft.scheduledFor", "expected a date-time");
    const problem = publicationTimeProblem(when); // as a post's publishedAt: the draft is read as that post
    if (problem) throw new BadUserInputError("draft.scheduledFor", problem);
    const author = await this.users.getOrThrow(loaders, input.authorId, "draft.authorId");
    if (input.platform && input.platform !== author.platform) {
      throw new BadUserInputError("draft.platform", `expected the author's platform ${author.platform} (an account posts on its own platform), found ${input.platform}`);
    }
    const facts: PostFacts = {
      text,
      mediaType: input.mediaType,
      category: normalizeTopic(input.category ?? "") || null, // blank is no category, as a post's
      paid: Boolean(input.paid),
      platform: input.platform ?? author.platform,
      publishedAt: when,
      hashtags: parseHashtags(text),
      mentions: parseMentions(text),
      authorFollowers: author.followers,
    };
    const one = async (modelName: string): Promise<PredictionType | null> => {
      const version = await this.servable(modelName);
      if (!version) return null;
      const row = this.models.featureStore.draftRow((version.spec as { features: FeatureSpec[] }).features, facts);
      const [value] = (await this.models.model(version.id)).predict([row]);
      const unit = version.task === "binary" ? "probability" : String((version.dataStats as { target?: string } | null)?.target ?? "value");
      return { model: modelName, value, unit, modelVersion: version, source: { modelName, value, version, row, unit } };
    };
    return { engagement: await one("engagement"), viralProbability: await one("virality") };
  }

  /** The explanation of a prediction, in numbers and words. */
  async explain(prediction: PredictionType): Promise<PredictionExplanation> {
    const model = await this.models.model(prediction.source.version.id);
    return explainInWords(model.explain(prediction.source.row), prediction.unit);
  }
}
