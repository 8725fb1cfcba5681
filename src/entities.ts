import { AppSetting } from "./db/app-setting.entity";
import { Interaction } from "./modules/interactions/interaction.entity";
import { ModelVersion } from "./modules/models/model-version.entity";
import { Post, PostHashtag } from "./modules/posts/post.entity";
import { Prediction } from "./modules/predictions/prediction.entity";
import { Recommendation } from "./modules/recommendations/recommendation.entity";
import { Segment, SegmentMembership } from "./modules/segments/segment.entity";
import { SentimentExample, SentimentScore, VocabularyRuleEntity } from "./modules/sentiment/sentiment-score.entity";
import { User } from "./modules/users/user.entity";

/** Every TypeORM entity: the migrations are generated from exactly this list. */
export const entities = [User, Post, PostHashtag, Interaction, SentimentScore, VocabularyRuleEntity, SentimentExample, Segment, SegmentMembership, ModelVersion, Prediction, Recommendation, AppSetting];
