import { Max, Min } from "class-validator";
import { ArgsType, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { PageInfo } from "../../graphql/relay";
import { Platform } from "../users/platform";

export enum SentimentLabelEnum {
  NEGATIVE = "negative",
  NEUTRAL = "neutral",
  POSITIVE = "positive",
}
registerEnumType(SentimentLabelEnum, { name: "SentimentLabel", description: "A score's band: NEUTRAL when |score| < 0.05, else its sign." });

export enum GranularityEnum {
  HOUR = "HOUR",
  DAY = "DAY",
  WEEK = "WEEK",
  MONTH = "MONTH",
}
registerEnumType(GranularityEnum, {
  name: "Granularity",
  description: "Time buckets in UTC; weeks start on Monday.",
  valuesConfig: {
    HOUR: { description: "One hour." },
    DAY: { description: "One day, from 00:00 UTC." },
    WEEK: { description: "Seven days, from Monday 00:00 UTC." },
    MONTH: { description: "A calendar month, from its 1st at 00:00 UTC." },
  },
});

export enum SentimentGroupByEnum {
  NONE = "NONE",
  TOPIC = "TOPIC",
  HASHTAG = "HASHTAG",
  AUTHOR = "AUTHOR",
  ACCOUNT = "ACCOUNT",
  SEGMENT = "SEGMENT",
  PLATFORM = "PLATFORM",
}
registerEnumType(SentimentGroupByEnum, {
  name: "SentimentGroupBy",
  description: "TOPIC: the post's category; HASHTAG: the post's hashtags; AUTHOR: who wrote the text; ACCOUNT: whose post it is; SEGMENT: the author's segment (active segmentation); PLATFORM.",
});

export enum TextKindEnum {
  POST = "POST",
  COMMENT = "COMMENT",
}
registerEnumType(TextKindEnum, { name: "TextKind", description: "What a scored text is: a post's text, or a comment (an interaction of type COMMENT)." });

@ObjectType({ simpleResolvers: true, description: "One sentence of an analysed text with the lexicon's score of it." })
export class SentenceSentiment {
  @Field({ description: "The sentence, as wink-nlp split the text." })
  text: string;

  @Field(() => Float, { description: "The lexicon's score of the sentence, from -1 (most negative) to 1 (most positive)." })
  score: number;

  @Field(() => SentimentLabelEnum, { description: "The score's band: NEUTRAL when |score| < 0.05, else its sign." })
  label: SentimentLabelEnum;
}

@ObjectType("Sentiment", { simpleResolvers: true, description: "The stored sentiment of a post or comment, by the analyser named." })
export class SentimentType {
  @Field(() => Float, { description: "From -1 (most negative) to 1 (most positive)." })
  score: number;

  @Field(() => SentimentLabelEnum, { description: "NEUTRAL when |score| < 0.05, POSITIVE at 0.05 and above, NEGATIVE at -0.05 and below (a learned model's classifier decides the label and its score is kept inside the label's band)." })
  label: SentimentLabelEnum;

  @Field({ description: "lexicon (wink-nlp with the account's brand rules) or learned (a trained model)." })
  analyzer: string;

  @Field({ description: "The analyser's version: for the lexicon, the wink-nlp and model versions and a revision (e.g. 2.4.0+1.8.1+r5); for a learned model, sentiment v<version>. Stored texts are re-scored when it changes." })
  analyzerVersion: string;

  @Field(() => String, {
    nullable: true,
    description:
      "Set when a learned model is active but the lexicon's answer stands: EMPTY (no text) or OTHER_LANGUAGE (language is other and the model knows fewer than a third of the words).",
  })
  fallback: string | null;

  @Field({ description: "When this score was stored (server time); re-scoring replaces it." })
  scoredAt: Date;

  @Field(() => [Float], { description: "Per-sentence scores, in order (at most 20), by the lexicon (a learned model scores whole texts)." })
  sentenceScores: number[];

  @Field(() => [String], { description: "The brand vocabulary rules whose phrase the text contains, applied to this score (each phrase scored at its rule's polarity; the score can come out as it would without them)." })
  rulesApplied: string[];

  @Field({ description: "en, or other when the text looks like another language (the lexicon then mostly answers NEUTRAL)." })
  language: string;
}

@ObjectType({ simpleResolvers: true, description: "One text's analysis: its sentiment and its parts." })
export class TextAnalysis {
  @Field({ description: "The text as analysed: cleaned (control characters removed, line ends unified, trimmed) and cut at 10,000 characters." })
  text: string;

  @Field(() => Float, { description: "From -1 (most negative) to 1 (most positive), by the current analyser (see analyzer)." })
  score: number;

  @Field(() => SentimentLabelEnum, { description: "NEUTRAL when |score| < 0.05, else the score's sign (a learned model's classifier decides the label and its score is kept inside the label's band)." })
  label: SentimentLabelEnum;

  @Field({ description: "lexicon (wink-nlp with the account's brand rules) or learned (the active sentiment model)." })
  analyzer: string;

  @Field({ description: "The analyser's version: for the lexicon, the wink-nlp and model versions and a revision (e.g. 2.4.0+1.8.1+r5); for a learned model, sentiment v<version>." })
  analyzerVersion: string;

  @Field(() => String, {
    nullable: true,
    description:
      "Set when a learned model is active but the lexicon's answer stands: EMPTY (no text) or OTHER_LANGUAGE (language is other and the model knows fewer than a third of the words).",
  })
  fallback: string | null;

  @Field(() => [SentenceSentiment], { description: "Sentences with the lexicon's scores (a learned model scores whole texts)." })
  sentences: SentenceSentiment[];

  @Field(() => Int, { description: "Word tokens, as wink-nlp counts them." })
  words: number;

  @Field(() => Int, { description: "Tokens inside a negation's scope." })
  negations: number;

  @Field(() => [String], { description: "Emoji in the text, in order, repeats kept; each whole (an emoji with its skin tone, a flag or a ZWJ sequence is one)." })
  emoji: string[];

  @Field(() => [String], { description: "Emoticons such as :-) in the text, in order, repeats kept." })
  emoticons: string[];

  @Field(() => [String], { description: "Hashtags as a post's are read (Post.hashtags): lower-cased, without #, each once, in order; a tag needs a letter." })
  hashtags: string[];

  @Field(() => [String], { description: "Mentions as a post's are read (Post.mentions): lower-cased, without @, each once, in order (@Brand.Co gives brand.co; e-mail addresses are not mentions)." })
  mentions: string[];

  @Field(() => [String], { description: "URLs in the text as wink-nlp finds them, in order, as written (a path and query are case-sensitive)." })
  urls: string[];

  @Field(() => [String], { description: "Up to 8 most frequent content words (lower-cased; stop words and words under 3 characters left out), most frequent first." })
  keywords: string[];

  @Field({ description: "en, or other when the text looks like another language (the lexicon then mostly answers NEUTRAL)." })
  language: string;

  @Field({ description: "The text was longer than 10,000 characters; only its start was analysed." })
  truncated: boolean;

  @Field(() => [String], { description: "The phrases of the account's brand vocabulary rules found in the text (empty without accountId)." })
  rulesApplied: string[];
}

@InputType({ description: "Which texts a sentiment rollup covers. Every field narrows it." })
export class SentimentFilter {
  @Field({ nullable: true, description: "Texts at or after this time (a post's publication, a comment's time)." })
  from?: Date;

  @Field({ nullable: true, description: "Texts before this time." })
  to?: Date;

  @Field(() => ID, { nullable: true, description: "Posts of this account and comments on them." })
  accountId?: string;

  @Field(() => ID, { nullable: true, description: "Texts written by this person." })
  authorId?: string;

  @Field(() => ID, { nullable: true, description: "This post and its comments." })
  postId?: string;

  @Field(() => Platform, { nullable: true, description: "Texts on posts of this platform." })
  platform?: Platform;

  @Field({ nullable: true, description: "The post's category." })
  topic?: string;

  @Field({ nullable: true, description: "Texts on posts carrying this hashtag (with or without #, any case)." })
  hashtag?: string;

  @Field(() => ID, { nullable: true, description: "Texts written by members of this segment (a Segment's global ID)." })
  segmentId?: string;

  @Field(() => [TextKindEnum], { nullable: true, description: "POST, COMMENT or both (left out: both; an empty list is BAD_USER_INPUT)." })
  kinds?: TextKindEnum[];
}

@ArgsType()
export class SentimentSeriesArgs {
  @Field(() => SentimentFilter, { nullable: true, description: "Which texts; `from`/`to` inside a bucket make the first/last bucket partial (labelled with the whole bucket's start)." })
  filter?: SentimentFilter;

  @Field(() => GranularityEnum, { defaultValue: GranularityEnum.DAY, description: "Bucket size (UTC; weeks start on Monday)." })
  granularity: GranularityEnum;

  @Field(() => SentimentGroupByEnum, { defaultValue: SentimentGroupByEnum.NONE, description: "One row per bucket and group." })
  groupBy: SentimentGroupByEnum;

  @Field(() => Int, { nullable: true, description: "Rows per page, 1–1000 (default 100)." })
  @Min(1, { message: "expected `first` between 1 and 1000, found $value" })
  @Max(1000, { message: "expected `first` between 1 and 1000, found $value" })
  first?: number;

  @Field(() => String, { nullable: true, description: "An endCursor of this query (same granularity and grouping) to continue after." })
  after?: string;
}

@ObjectType({ simpleResolvers: true, description: "Sentiment of the texts of one time bucket and one group." })
export class SentimentSeriesRow {
  @Field({ description: "Start of the bucket (UTC)." })
  bucket: Date;

  @Field({ description: "The group's stable key (a global ID for people, the tag, topic or platform otherwise; 'all' without grouping)." })
  groupKey: string;

  @Field({ description: "The group for people to read: the topic ('(no topic)' without one), #tag, @handle · platform, the segment's name, the platform, or 'all'." })
  groupLabel: string;

  @Field(() => Int, { description: "Texts in the bucket and group." })
  count: number;

  @Field(() => Float, { description: "Mean score of those texts, from -1 to 1." })
  meanScore: number;

  @Field(() => Float, { description: "Share of POSITIVE texts (0–1)." })
  positive: number;

  @Field(() => Float, { description: "Share of NEUTRAL texts (0–1)." })
  neutral: number;

  @Field(() => Float, { description: "Share of NEGATIVE texts (0–1)." })
  negative: number;
}

@ObjectType({ simpleResolvers: true, description: "One row of a sentimentSeries page, with its cursor." })
export class SentimentSeriesEdge {
  @Field({ description: "The row's position, for `after` (in a query of the same granularity and grouping)." })
  cursor: string;

  @Field(() => SentimentSeriesRow, { description: "The row." })
  node: SentimentSeriesRow;
}

@ObjectType({ simpleResolvers: true, description: "Flat rows that a BI connector pages through, ordered by bucket, then by group in a stable internal order (key a row by bucket and groupKey)." })
export class SentimentSeriesConnection {
  @Field(() => [SentimentSeriesEdge], { description: "The page's rows with their cursors." })
  edges: SentimentSeriesEdge[];

  @Field(() => [SentimentSeriesRow], { description: "The rows of the edges, for clients that need no cursors." })
  nodes: SentimentSeriesRow[];

  @Field(() => PageInfo, { description: "Cursors of the page's ends and whether more rows follow." })
  pageInfo: PageInfo;
}

@ObjectType({ simpleResolvers: true, description: "One group's share of the texts matching the filter, with their sentiment." })
export class VoiceGroup {
  @Field({ description: "The group's stable key, as in sentimentSeries." })
  groupKey: string;

  @Field({ description: "The group for people to read, as in sentimentSeries." })
  groupLabel: string;

  @Field(() => Int, { description: "Texts of the group matching the filter." })
  count: number;

  @Field(() => Float, { description: "count / total (0–1)." })
  share: number;

  @Field(() => Float, { description: "Mean score of those texts, from -1 to 1." })
  meanScore: number;

  @Field(() => Float, { description: "Share of POSITIVE texts in the group (0–1)." })
  positive: number;

  @Field(() => Float, { description: "Share of NEGATIVE texts in the group (0–1)." })
  negative: number;

  @Field(() => Float, { description: "positive − negative share." })
  netSentiment: number;
}

@ObjectType({ simpleResolvers: true, description: "Each group's share of the conversation, largest first." })
export class ShareOfVoice {
  @Field(() => Int, { description: "Texts matching the filter that fall in a group (for HASHTAG: text × hashtag mentions); see ungroupedCount for the rest." })
  total: number;

  @Field(() => [VoiceGroup], { description: "The largest groups, largest first (`first` of them)." })
  groups: VoiceGroup[];

  @Field(() => Int, { description: "Groups among the texts matching the filter, listed or not." })
  groupCount: number;

  @Field(() => Int, {
    description: "Texts in the groups not listed (total minus the listed groups' counts); for every group's figures, page through sentimentSeries with the same filter and grouping at granularity MONTH.",
  })
  otherCount: number;

  @Field(() => Int, {
    description:
      "Texts matching the filter that the grouping leaves out, not counted in `total`: for SEGMENT, texts by people in no segment of the active segmentation (brands' posts among them); for HASHTAG, texts on posts without a hashtag; 0 for the other groupings.",
  })
  ungroupedCount: number;
}

@ObjectType("VocabularyRule", { simpleResolvers: true, description: "A brand's word or phrase with the polarity it has for that brand." })
export class VocabularyRuleType {
  @Field({ description: "The word or phrase as stored: trimmed, lower-cased, inner spaces collapsed." })
  phrase: string;

  @Field(() => Float, { description: "-1 (very negative) to 1 (very positive); 0 makes it neutral." })
  polarity: number;

  @Field({ description: "When the phrase was first ruled for the account (server time); a new polarity keeps it." })
  createdAt: Date;
}

@InputType({ description: "A brand vocabulary rule to add, or to update by phrase." })
export class VocabularyRuleInput {
  @Field({ description: "A word or phrase (case-insensitive, whole words)." })
  phrase: string;

  @Field(() => Float, { description: "-1 (very negative) to 1 (very positive); 0 makes it neutral." })
  polarity: number;
}

@ObjectType({ simpleResolvers: true, description: "What setVocabularyRules left: the account's rules and the texts re-scored." })
export class VocabularyRulesResult {
  @Field(() => [VocabularyRuleType], { description: "The account's rules after the change." })
  rules: VocabularyRuleType[];

  @Field(() => Int, { description: "Texts re-scored (the account's posts and the comments on them)." })
  rescored: number;
}

@ArgsType()
export class SentimentAlertsArgs {
  @Field(() => SentimentFilter, { nullable: true, description: "Alerts on buckets in [from, to); the baseline of the first reaches back before `from`." })
  filter?: SentimentFilter;

  @Field(() => GranularityEnum, { defaultValue: GranularityEnum.DAY, description: "Bucket size (UTC; weeks start on Monday): a spike is a bucket against the baseline buckets before it." })
  granularity: GranularityEnum;

  @Field(() => SentimentGroupByEnum, { defaultValue: SentimentGroupByEnum.NONE, description: "NONE watches everything together; TOPIC, HASHTAG, ACCOUNT, … watch each group on its own." })
  groupBy: SentimentGroupByEnum;

  @Field(() => Int, { defaultValue: 14, description: "Buckets before each bucket that form its baseline." })
  baselineBuckets: number;

  @Field(() => Float, { defaultValue: 3, description: "Minimum z-score of the bucket's negatives against the baseline share. Lower finds more, and more false alarms." })
  sensitivity: number;

  @Field(() => Int, { defaultValue: 3, description: "Buckets after an alert in which the same group raises no new one." })
  cooldownBuckets: number;

  @Field(() => Int, { defaultValue: 10, description: "Minimum texts in the bucket and in its baseline." })
  minCount: number;

  @Field(() => Float, { defaultValue: 0.1, description: "Minimum rise of the negative share over the baseline (0.1 = ten points)." })
  minLift: number;

  @Field(() => Int, { nullable: true, description: "Alerts to return, newest first, 1–100 (default 20)." })
  first?: number;
}

@ObjectType("SentimentDriver", { simpleResolvers: true, description: "A negative post or comment behind an alert." })
export class SentimentDriverType {
  @Field(() => TextKindEnum, { description: "Whether the text is a post or a comment." })
  kind: TextKindEnum;

  @Field(() => Float, { description: "The text's score, from -1 to 1; drivers come most negative first." })
  score: number;

  /** Internal ids; the resolver fetches the post and the comment. */
  postId: number;
  interactionId: number | null;
}

@ObjectType("SentimentAlert", { simpleResolvers: true, description: "A negative-sentiment spike: a bucket whose share of negative texts rose improbably above its baseline." })
export class SentimentAlertType {
  @Field(() => ID, { description: "Stable: the same spike has the same id in every answer and push." })
  id: string;

  @Field({ description: "Start of the bucket that spiked (UTC)." })
  bucket: Date;

  @Field({ description: "Start of the next bucket: the spike covers [bucket, bucketEnd)." })
  bucketEnd: Date;

  @Field(() => GranularityEnum, { description: "The bucket size it was found at." })
  granularity: GranularityEnum;

  @Field(() => SentimentGroupByEnum, { description: "The grouping it was found in." })
  groupBy: SentimentGroupByEnum;

  @Field({ description: "The group's stable key, as in sentimentSeries ('all' for NONE)." })
  groupKey: string;

  @Field({ description: "The group for people to read, as in sentimentSeries ('all' for NONE)." })
  groupLabel: string;

  @Field(() => Int, { description: "Texts in the bucket (of the group, matching the filter)." })
  count: number;

  @Field(() => Int, { description: "NEGATIVE texts among them." })
  negativeCount: number;

  @Field(() => Float, { description: "negativeCount / count (0–1)." })
  negativeShare: number;

  @Field(() => Float, { description: "The baseline's negative share (smoothed)." })
  expectedShare: number;

  @Field(() => Float, { description: "Binomial z-score of negativeCount against expectedShare: standard deviations above the negatives the baseline predicts." })
  zScore: number;

  @Field(() => Int, { description: "Texts in the baseline window." })
  baselineCount: number;

  @Field({ description: "The alert in one sentence." })
  summary: string;
}

@InputType({ description: "A labelled text for the learned sentiment model." })
export class SentimentExampleInput {
  @Field({ description: "The text (1–10,000 characters)." })
  text: string;

  @Field(() => SentimentLabelEnum, { description: "The text's sentiment; with a score, it must be the score's band." })
  label: SentimentLabelEnum;

  @Field(() => Float, { nullable: true, description: "A graded score in [-1, 1], when known." })
  score?: number;

  @Field({ nullable: true, description: "The source's id for this example; re-sending it updates it instead of adding it again." })
  key?: string;
}

@ObjectType({ simpleResolvers: true, description: "How many stored examples have one label." })
export class LabelCount {
  @Field(() => SentimentLabelEnum, { description: "The label." })
  label: SentimentLabelEnum;

  @Field(() => Int, { description: "Examples stored with it." })
  count: number;
}

@ObjectType({ simpleResolvers: true, description: "How many stored examples came from one source." })
export class SourceCount {
  @Field({ description: "The source given to addSentimentExamples (default api), or an imported file's name." })
  source: string;

  @Field(() => Int, { description: "Examples stored from it." })
  count: number;
}

@ObjectType({ simpleResolvers: true, description: "The labelled examples the learned sentiment model trains on." })
export class SentimentExampleStats {
  @Field(() => Int, { description: "Examples stored." })
  total: number;

  @Field(() => [LabelCount], { description: "Per label that has examples, in NEGATIVE, NEUTRAL, POSITIVE order." })
  byLabel: LabelCount[];

  @Field(() => [SourceCount], { description: "Per source, ordered by source." })
  bySource: SourceCount[];
}

@ObjectType({ simpleResolvers: true, description: "What addSentimentExamples stored." })
export class AddSentimentExamplesResult {
  @Field(() => Int, { description: "Examples in the batch." })
  received: number;

  @Field(() => Int, { description: "Examples stored (new or updated by key); repeats within the batch count once." })
  stored: number;

  @Field(() => SentimentExampleStats, { description: "Every stored example, counted, after this batch." })
  examples: SentimentExampleStats;
}
