import { Arg, Args, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from "type-graphql";
import type { InteractionService } from "../interactions/interaction.service";
import type { PostService } from "../posts/post.service";
import { alertTopic, type AlertValue, type SentimentAlerts } from "./sentiment.alerts";
import type { Database } from "../../db/database";
import type { Context } from "../../graphql/context";
import { BadUserInputError } from "../../graphql/errors";
import { labelOf } from "../../nlp/sentiment";
import { Interaction, InteractionType } from "../interactions/interaction.entity";
import { Post } from "../posts/post.entity";
import { User } from "../users/user.entity";
import type { UserService } from "../users/user.service";
import type { SentimentScore } from "./sentiment-score.entity";
import { sentimentSeries, shareOfVoice, type SentimentFilterValue } from "./sentiment.series";
import type { SentimentService, TextSentiment } from "./sentiment.service";
import {
  AddSentimentExamplesResult,
  SentimentExampleInput,
  SentimentExampleStats,
  SentimentAlertsArgs,
  SentimentAlertType,
  SentimentDriverType,
  SentimentFilter,
  TextKindEnum,
  SentimentGroupByEnum,
  SentimentLabelEnum,
  SentimentSeriesArgs,
  SentimentSeriesConnection,
  SentimentType,
  ShareOfVoice,
  TextAnalysis,
  VocabularyRuleInput,
  VocabularyRuleType,
  VocabularyRulesResult,
} from "./sentiment.types";

@ObjectType({ simpleResolvers: true, description: "What removeVocabularyRules removed and re-scored." })
export class RemoveVocabularyRulesResult {
  @Field(() => Int, { description: "Rules deleted (a phrase the account had no rule for counts nothing)." })
  removed: number;

  @Field(() => Int, { description: "Texts re-scored (the account's posts and the comments on them); 0 when nothing was removed." })
  rescored: number;
}

function sentimentView(s: SentimentScore | null): SentimentType | null {
  if (!s) return null;
  const d = (s.details ?? {}) as { sentences?: number[]; rules?: string[]; language?: string; fallback?: string };
  return {
    score: s.score,
    label: s.label as SentimentLabelEnum,
    analyzer: s.analyzer,
    analyzerVersion: s.analyzerVersion,
    scoredAt: s.scoredAt,
    sentenceScores: d.sentences ?? [],
    rulesApplied: d.rules ?? [],
    language: d.language ?? "en",
    fallback: d.fallback ?? null,
  };
}

function analysisView(r: TextSentiment): TextAnalysis {
  const a = r.analysis!;
  return {
    text: a.text,
    score: r.score,
    label: r.label as SentimentLabelEnum,
    analyzer: r.analyzer,
    analyzerVersion: r.analyzerVersion,
    fallback: r.fallback,
    sentences: a.sentences.map((s) => ({ text: s.text, score: s.score, label: labelOf(s.score) as SentimentLabelEnum })),
    words: a.words,
    negations: a.negations,
    emoji: a.emoji,
    emoticons: a.emoticons,
    hashtags: a.hashtags,
    mentions: a.mentions,
    urls: a.urls,
    keywords: a.keywords,
    language: a.language,
    truncated: a.truncated,
    rulesApplied: a.rulesApplied,
  };
}

@Resolver()
export class SentimentResolver {
  constructor(
    private readonly db: Database,
    private readonly sentiment: SentimentService,
    private readonly users: UserService,
  ) {}

  @Query(() => [TextAnalysis], { description: "Scores drafts and ad-hoc texts (1–100 per call) without storing them; with accountId, that account's brand rules apply." })
  async analyzeText(@Arg("texts", () => [String], { description: "1–100 texts, each up to 10,000 characters (longer ones are cut and flagged)." }) texts: string[], @Arg("accountId", () => ID, { nullable: true, description: "Apply this account's brand vocabulary rules." }) accountId: string | null, @Ctx() ctx: Context) {
    if (accountId) await this.users.getOrThrow(ctx.loaders, accountId, "accountId");
    return (await this.sentiment.analyzeTexts(texts, accountId)).map(analysisView);
  }

  @Query(() => SentimentSeriesConnection, { description: "Sentiment over time as flat rows (bucket × group), cursor-paginated in bucket then group order." })
  async sentimentSeries(@Args() args: SentimentSeriesArgs) {
    const page = await sentimentSeries(this.db, { ...args, filter: args.filter as SentimentFilterValue | undefined });
    const edges = page.rows.map(({ cursor, ...node }) => ({ cursor, node }));
    return {
      edges,
      nodes: edges.map((e) => e.node),
      pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: Boolean(args.after), startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  @Query(() => ShareOfVoice, { description: "Each group's share of the texts matching the filter, with its sentiment." })
  async shareOfVoice(
    @Arg("filter", () => SentimentFilter, { nullable: true, description: "Which texts (null: all)." }) filter: SentimentFilter | null,
    @Arg("groupBy", () => SentimentGroupByEnum, { defaultValue: SentimentGroupByEnum.ACCOUNT, description: "What a group is." }) groupBy: SentimentGroupByEnum,
    @Arg("first", () => Int, { nullable: true, description: "Groups to return, 1–100 (default 20)." }) first: number | null,
  ) {
    const r = await shareOfVoice(this.db, { filter: (filter ?? undefined) as SentimentFilterValue | undefined, groupBy, first });
    return { total: r.total, groupCount: r.groupCount, otherCount: r.otherCount, ungroupedCount: r.ungroupedCount, groups: r.rows };
  }

  @Mutation(() => VocabularyRulesResult, { description: "Adds or updates an account's brand vocabulary rules (by phrase), then re-scores its posts and the comments on them." })
  async setVocabularyRules(
    @Arg("accountId", () => ID, { description: "The brand account the rules are for." }) accountId: string,
    @Arg("rules", () => [VocabularyRuleInput], { description: "1–500 rules; a phrase already ruled gets the new polarity." }) rules: VocabularyRuleInput[],
    @Ctx() ctx: Context,
  ) {
    const account = await this.users.getOrThrow(ctx.loaders, accountId, "accountId");
    return this.sentiment.setRules(account.id, rules);
  }

  @Mutation(() => AddSentimentExamplesResult, { description: "Adds labelled texts (1–5,000, all or nothing) for the learned sentiment model; trainModel(name: \"sentiment\") trains on them." })
  async addSentimentExamples(
    @Arg("examples", () => [SentimentExampleInput], { description: "1–5,000 labelled texts." }) examples: SentimentExampleInput[],
    @Arg("source", { defaultValue: "api", description: "Where the examples come from (kept with them)." }) source: string,
  ) {
    const r = await this.sentiment.addExamples(examples, source);
    return { ...r, examples: await this.sentiment.exampleStats() };
  }

  @Query(() => SentimentExampleStats, { description: "The labelled examples stored for the learned sentiment model." })
  sentimentExamples() {
    return this.sentiment.exampleStats();
  }

  @Mutation(() => RemoveVocabularyRulesResult, { description: "Removes an account's rules by phrase, then re-scores its texts." })
  async removeVocabularyRules(@Arg("accountId", () => ID, { description: "The brand account whose rules go." }) accountId: string, @Arg("phrases", () => [String], { description: "The rules' phrases (any case and spacing)." }) phrases: string[], @Ctx() ctx: Context) {
    const account = await this.users.getOrThrow(ctx.loaders, accountId, "accountId");
    return this.sentiment.removeRules(account.id, phrases);
  }
}

/** The groupings the live check pushes (see `SentimentAlerts`). */
const liveGroupings: readonly SentimentGroupByEnum[] = [SentimentGroupByEnum.NONE, SentimentGroupByEnum.TOPIC];

@Resolver(() => SentimentAlertType)
export class SentimentAlertResolver {
  constructor(private readonly alerts: SentimentAlerts) {}

  @Query(() => [SentimentAlertType], { description: "Negative-sentiment spikes in the filter's range, newest first, each with the texts that drove it." })
  sentimentAlerts(@Args() args: SentimentAlertsArgs) {
    const { filter, granularity, groupBy, first, ...options } = args;
    return this.alerts.detect({ filter: filter as SentimentFilterValue | undefined, granularity, groupBy, first, options });
  }

  @Subscription(() => SentimentAlertType, {
    topics: ({ args }: { args: { groupBy?: SentimentGroupByEnum | null } }) => {
      if (args.groupBy && !liveGroupings.includes(args.groupBy)) {
        throw new BadUserInputError("groupBy", `expected NONE or TOPIC (the groupings checked live; query sentimentAlerts for the others), found ${args.groupBy}`);
      }
      return alertTopic;
    },
    filter: ({ payload, args }: { payload: AlertValue; args: { groupBy?: SentimentGroupByEnum | null } }) => !args.groupBy || payload.groupBy === args.groupBy,
    description: "New negative spikes as texts arrive, checked by day over everything (NONE) and per topic (TOPIC) with the default rule.",
  })
  sentimentAlertRaised(
    @Root() alert: AlertValue,
    @Arg("groupBy", () => SentimentGroupByEnum, { nullable: true, description: "Only alerts of this grouping (NONE or TOPIC)." }) _groupBy: SentimentGroupByEnum | null,
  ): AlertValue {
    return alert;
  }

  @FieldResolver(() => [SentimentDriverType], { description: "The most negative posts and comments of the bucket and group." })
  async drivers(@Root() alert: AlertValue, @Arg("first", () => Int, { defaultValue: 5, description: "1–50." }) first: number) {
    if (!Number.isInteger(first) || first < 1 || first > 50) throw new BadUserInputError("first", `expected \`first\` between 1 and 50, found ${first}`);
    const limit = first;
    const rows = await this.alerts.drivers(alert, limit);
    return rows.map((r) => ({
      kind: r.targetType === "POST" ? TextKindEnum.POST : TextKindEnum.COMMENT,
      score: r.score,
      postId: r.postId,
      interactionId: r.targetType === "POST" ? null : r.targetId,
    }));
  }
}

@Resolver(() => SentimentDriverType)
export class SentimentDriverResolver {
  constructor(
    private readonly posts: PostService,
    private readonly interactions: InteractionService,
  ) {}

  @FieldResolver(() => Post, { nullable: true, description: "The post (for a comment, the post it is on)." })
  post(@Root() d: SentimentDriverType, @Ctx() ctx: Context) {
    return this.posts.byId(ctx.loaders, d.postId);
  }

  @FieldResolver(() => Interaction, { nullable: true, description: "The comment (null when the driver is a post)." })
  comment(@Root() d: SentimentDriverType, @Ctx() ctx: Context) {
    return d.interactionId == null ? null : this.interactions.byId(ctx.loaders, d.interactionId);
  }
}

@Resolver(() => Post)
export class PostSentimentResolver {
  constructor(private readonly sentimentService: SentimentService) {}

  @FieldResolver(() => SentimentType, { nullable: true, description: "The post text's sentiment (null until scored, which happens on ingest)." })
  async sentiment(@Root() post: Post, @Ctx() ctx: Context) {
    return sentimentView(await this.sentimentService.current(ctx.loaders, "POST", post.id));
  }
}

@Resolver(() => Interaction)
export class InteractionSentimentResolver {
  constructor(private readonly sentimentService: SentimentService) {}

  @FieldResolver(() => SentimentType, { nullable: true, description: "The comment's sentiment (null for interactions that are not comments or have no text)." })
  async sentiment(@Root() interaction: Interaction, @Ctx() ctx: Context) {
    if (interaction.text == null || interaction.type !== InteractionType.COMMENT) return null;
    return sentimentView(await this.sentimentService.current(ctx.loaders, "INTERACTION", interaction.id));
  }
}

@Resolver(() => User)
export class UserVocabularyResolver {
  constructor(private readonly sentimentService: SentimentService) {}

  @FieldResolver(() => [VocabularyRuleType], { description: "The account's brand vocabulary rules." })
  vocabularyRules(@Root() user: User) {
    return this.sentimentService.rules(user.id);
  }
}
