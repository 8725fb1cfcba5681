import { idsIn, lockRowsInOrder, type Database, type Row, type Tx } from "../../db/database";
import { chunks } from "../../graphql/batch";
import { BadUserInputError } from "../../graphql/errors";
import type { Loaders } from "../../graphql/loaders";
import { decodeGlobalId } from "../../graphql/relay";
import type { Logger } from "../../lib/logger";
import { LearnedScorer } from "../../nlp/learned/scorer";
import { decideSentiment, type LearnedFallback } from "../../nlp/learned/decide";
import type { ModelService } from "../models/model.service";
import {
  analyzeSentiment,
  labelOf,
  rewrite,
  compileRules,
  lexiconAnalyzer,
  normalizePhrase,
  scoreSentiment,
  type CompiledRules,
  type SentimentAnalysis,
  type SentimentLabel,
  type SentimentScoreResult,
} from "../../nlp/sentiment";
import { createHash } from "node:crypto";
import { cleanText } from "../../nlp/text";
import { SentimentExample, SentimentScore, VocabularyRuleEntity, type SentimentTarget } from "./sentiment-score.entity";

/** A text to score, with what its score row copies from it. */
export interface TextToScore {
  targetType: SentimentTarget;
  targetId: number;
  postId: number;
  userId: number;
  accountId: number;
  occurredAt: Date;
  text: string;
}

/** One text's result as the API shows it. */
export interface TextSentiment {
  score: number;
  label: SentimentLabel;
  analyzer: string;
  analyzerVersion: string;
  /** Set when a learned version is active but the lexicon's answer stands (see `LearnedFallback`). */
  fallback: LearnedFallback | null;
  analysis?: SentimentAnalysis;
  scoredAt?: Date;
}

/** Texts scored per write unit: a batch of 5,000 comments is stored in a few statements. */
const writeChunk = 1_000;
/** Texts read per backfill step. */
const backfillStep = 2_000;
export const maxAnalyzeTexts = 100;
/** The model spec whose active version, when there is one, scores texts instead of the lexicon. */
export const learnedModelName = "sentiment";

/** The analyser in use: the lexicon, or the active version of the learned model (scored in a worker). */
interface Analyzer {
  name: string;
  version: string;
  learned?: { versionId: number; artifact: string };
}

const lexicon: Analyzer = { name: lexiconAnalyzer.name, version: lexiconAnalyzer.version };
/** After ingest with a learned version active, texts are re-scored by it this many ms later (batches coalesce). */
const rescoreDelayMs = 200;

/**
 * Scores every post and comment as it is ingested and keeps one current score per text, named by the
 * analyser that made it; re-scores when the analyser changes (a new version at start, a brand rule
 * added or removed). Scoring happens after the ingest transaction commits, so a failure to score
 * never loses data: the backfill at start finds texts without a current score.
 */
export class SentimentService {
  private readonly rulesByAccount = new Map<number, CompiledRules | null>();
  private backfilling: Promise<number> | null = null;
  /** Told the times of every text scored (live alert checks). */
  onScored: ((times: Date[]) => void) | null = null;
  private models: ModelService | null = null;
  private backfillAgain = false;
  private rescoreTimer: NodeJS.Timeout | null = null;
  private readonly scorer = new LearnedScorer();

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

  // ── Analysis ───────────────────────────────────────────────────────────────────────────────────

  /** Lets the active version of the "sentiment" model score texts (wired by the composition root). */
  attachModels(models: ModelService): void {
    this.models = models;
  }

  /** The analyser now: the learned model's active version if there is one, else the lexicon. */
  async analyzer(): Promise<Analyzer> {
    if (!this.models) return lexicon;
    const active = await this.models.activeVersion(learnedModelName);
    if (!active?.artifact) return lexicon;
    return { name: "learned", version: `${learnedModelName} v${active.version}`, learned: { versionId: active.id, artifact: active.artifact } };
  }

  /** Predictions of the learned version, in the scorer worker (the server's thread stays free). */
  private predictLearned(analyzer: Analyzer, texts: string[]) {
    const learned = analyzer.learned!;
    return this.scorer.predict(learned.versionId, () => learned.artifact, texts);
  }

  /**
   * Ingest stored the lexicon's scores; with a learned version active, it re-scores the new texts
   * shortly after, in the background (the backfill finds every text not scored by it).
   */
  private scheduleRescore(): void {
    if (this.closed || this.rescoreTimer) return;
    this.rescoreTimer = setTimeout(() => {
      this.rescoreTimer = null;
      if (this.backfilling) this.backfillAgain = true;
      else void this.backfill().catch((err) => this.logger.error({ err }, "sentiment re-scoring failed"));
    }, rescoreDelayMs);
  }

  /** The serving version of the learned model changed: every text is re-scored, in the background. */
  analyzerChanged(): void {
    if (this.backfilling) this.backfillAgain = true;
    void this.backfill()
      .then((n) => this.logger.info({ texts: n }, "sentiment re-scored after the analyser changed"))
      .catch((err) => this.logger.error({ err }, "sentiment re-scoring failed"));
  }

  /** Compiled brand rules of accounts, loaded once and dropped when they change. */
  private async rulesFor(accountIds: readonly number[]): Promise<Map<number, CompiledRules | null>> {
    const missing = [...new Set(accountIds)].filter((id) => !this.rulesByAccount.has(id));
    for (const slice of chunks(missing, 500)) {
      const rows = await this.db.query<{ accountId: number; phrase: string; polarity: number }>(
        `SELECT "accountId", "phrase", "polarity" FROM "vocabulary_rules" WHERE "accountId" IN (${slice.map(() => "?").join(", ")})`,
        slice,
      );
      const byAccount = new Map<number, Array<{ phrase: string; polarity: number }>>();
      for (const r of rows) {
        const id = Number(r.accountId);
        if (!byAccount.has(id)) byAccount.set(id, []);
        byAccount.get(id)!.push({ phrase: r.phrase, polarity: Number(r.polarity) });
      }
      for (const id of slice) this.rulesByAccount.set(id, compileRules(byAccount.get(id) ?? []));
    }
    return new Map(accountIds.map((id) => [id, this.rulesByAccount.get(id) ?? null]));
  }

  /**
   * Scores texts for storage, applying each account's rules: with the lexicon (the lean ingest path), or
   * with the learned version (which reads the text with brand phrases rewritten the same way).
   */
  private async scoreAll(
    texts: ReadonlyArray<{ text: string; accountId?: number | null }>,
    analyzer: Analyzer,
  ): Promise<Array<SentimentScoreResult & { analyzer: string; analyzerVersion: string; fallback: LearnedFallback | null }>> {
    const rules = await this.rulesFor(texts.flatMap((t) => (t.accountId ? [t.accountId] : [])));
    const lexiconResults = texts.map((t) => scoreSentiment(t.text, t.accountId ? (rules.get(t.accountId) ?? null) : null));
    if (!analyzer.learned) return lexiconResults.map((r) => ({ ...r, analyzer: analyzer.name, analyzerVersion: analyzer.version, fallback: null }));
    const predictions = await this.predictLearned(
      analyzer,
      texts.map((t) => {
        const r = t.accountId ? rules.get(t.accountId) : null;
        return r ? rewrite(t.text, r).text : t.text;
      }),
    );
    return lexiconResults.map((r, i) => ({ ...r, ...decideSentiment(texts[i].text, r, predictions[i]), analyzer: analyzer.name, analyzerVersion: analyzer.version }));
  }

  /**
   * Scores and takes apart texts with the current analyser, applying each account's rules. The parts
   * and sentence scores come from the lexicon pass; the document score and label from the analyser.
   */
  async analyze(texts: ReadonlyArray<{ text: string; accountId?: number | null }>): Promise<TextSentiment[]> {
    const rules = await this.rulesFor(texts.flatMap((t) => (t.accountId ? [t.accountId] : [])));
    const analyzer = await this.analyzer();
    const analyses = texts.map((t) => analyzeSentiment(t.text, t.accountId ? (rules.get(t.accountId) ?? null) : null));
    const learned = analyzer.learned
      ? await this.predictLearned(
          analyzer,
          texts.map((t) => {
            const r = t.accountId ? rules.get(t.accountId) : null;
            return r ? rewrite(t.text, r).text : t.text;
          }),
        )
      : undefined;
    return analyses.map((analysis, i) => {
      const decided = learned ? decideSentiment(texts[i].text, analysis, learned[i]) : { score: analysis.score, label: analysis.label, fallback: null };
      return { ...decided, analyzer: analyzer.name, analyzerVersion: analyzer.version, analysis };
    });
  }

  /** `analyzeText`: ad-hoc texts and drafts, at most 100 per call, with an account's rules if given. */
  async analyzeTexts(texts: readonly string[], accountGlobalId?: string | null): Promise<TextSentiment[]> {
    if (texts.length === 0) throw new BadUserInputError("texts", "expected at least one text, found none");
    if (texts.length > maxAnalyzeTexts) throw new BadUserInputError("texts", `expected at most ${maxAnalyzeTexts} texts, found ${texts.length}`);
    const accountId = accountGlobalId != null ? decodeGlobalId(accountGlobalId, "accountId", "User").id : null;
    return this.analyze(texts.map((text) => ({ text, accountId })));
  }

  // ── Storing scores ─────────────────────────────────────────────────────────────────────────────

  /**
   * Scores texts and stores one current row per text (replacing an older score). Returns how many.
   * Without an analyser given (ingest), the lexicon scores at once and a learned version, if active,
   * re-scores them in the background.
   */
  async score(items: readonly TextToScore[], analyzer: Analyzer = lexicon): Promise<number> {
    let stored = 0;
    for (const slice of chunks(items, writeChunk)) {
      const results = await this.scoreAll(slice, analyzer);
      const now = new Date();
      const rows: Array<Partial<SentimentScore>> = slice.map((t, i) => ({
        targetType: t.targetType,
        targetId: t.targetId,
        postId: t.postId,
        userId: t.userId,
        accountId: t.accountId,
        occurredAt: t.occurredAt,
        analyzer: results[i].analyzer,
        analyzerVersion: results[i].analyzerVersion,
        score: results[i].score,
        label: results[i].label,
        details: detailsOf(results[i], results[i].fallback),
        scoredAt: now,
      }));
      const columns = ["targetType", "targetId", "postId", "userId", "accountId", "occurredAt", "analyzer", "analyzerVersion", "score", "label", "details", "scoredAt"] as const;
      const update = columns.filter((c) => c !== "targetType" && c !== "targetId").map((c) => `"${c}" = excluded."${c}"`);
      stored += await this.db.write(async (tx) => {
        // The texts were read before they were scored, and a person may have been erased since: their people are
        // share-locked first (an erasure locks its person before it deletes their scores, so one waits for the
        // other), then only the texts that still exist get a score. Scores have no foreign key to their texts.
        await lockRowsInOrder(this.db, tx, "users", rows.flatMap((r) => [r.userId!, r.accountId!]), "FOR KEY SHARE");
        const alive = await this.existingTargets(tx, rows as ReadonlyArray<{ targetType: SentimentTarget; targetId: number }>);
        const kept = rows.filter((r) => alive.has(`${r.targetType}:${r.targetId}`));
        if (kept.length > 0) await this.db.insertMany(tx, "sentiment_scores", SentimentScore, columns, kept, `ON CONFLICT ("targetType", "targetId") DO UPDATE SET ${update.join(", ")}`);
        return kept.length;
      });
      this.onScored?.(slice.map((t) => t.occurredAt));
    }
    return stored;
  }

  /** Which of these texts (posts, comment interactions) exist now, as "TYPE:id". */
  private async existingTargets(tx: Tx, targets: ReadonlyArray<{ targetType: SentimentTarget; targetId: number }>): Promise<Set<string>> {
    const out = new Set<string>();
    for (const [type, table] of [["POST", "posts"], ["INTERACTION", "interactions"]] as const) {
      for (const id of await idsIn(tx, table, targets.filter((t) => t.targetType === type).map((t) => t.targetId))) out.add(`${type}:${id}`);
    }
    return out;
  }

  private async postTexts(where: string, params: readonly unknown[]): Promise<TextToScore[]> {
    const rows = await this.db.query<Row>(`SELECT "p"."id", "p"."authorId", "p"."text", "p"."publishedAt" FROM "posts" "p" ${where}`, params);
    return rows.map((r) => ({
      targetType: "POST" as const,
      targetId: Number(r.id),
      postId: Number(r.id),
      userId: Number(r.authorId),
      accountId: Number(r.authorId),
      occurredAt: this.db.toDate(r.publishedAt)!,
      text: String(r.text ?? ""),
    }));
  }

  /** The comments (interactions of type COMMENT with a text: the only interactions scored) matching `conditions`, then `rest` (order, limit). */
  private async commentTexts(conditions: string, rest: string, params: readonly unknown[]): Promise<TextToScore[]> {
    const rows = await this.db.query<Row>(
      `SELECT "i"."id", "i"."userId", "i"."postId", "i"."text", "i"."occurredAt", "p"."authorId" FROM "interactions" "i" JOIN "posts" "p" ON "p"."id" = "i"."postId" ` +
        `WHERE "i"."type" = 'COMMENT' AND "i"."text" IS NOT NULL AND ${conditions} ${rest}`,
      params,
    );
    return rows.map((r) => ({
      targetType: "INTERACTION" as const,
      targetId: Number(r.id),
      postId: Number(r.postId),
      userId: Number(r.userId),
      accountId: Number(r.authorId),
      occurredAt: this.db.toDate(r.occurredAt)!,
      text: String(r.text ?? ""),
    }));
  }

  /** After posts were created or edited: score their texts. */
  async scorePosts(ids: readonly number[]): Promise<number> {
    let n = 0;
    for (const slice of chunks(ids, 500)) {
      const marks = slice.map(() => "?").join(", ");
      n += await this.score(await this.postTexts(`WHERE "p"."id" IN (${marks})`, slice));
      // A post that changed author takes its comments along: they belong to the new account (its rollups, its
      // brand rules), so the ones stored under another account are scored again.
      const moved = await this.commentTexts(
        `"i"."postId" IN (${marks}) AND EXISTS (SELECT 1 FROM "sentiment_scores" "s" WHERE "s"."targetType" = 'INTERACTION' AND "s"."targetId" = "i"."id" AND "s"."accountId" <> "p"."authorId")`,
        "",
        slice,
      );
      if (moved.length) await this.score(moved);
    }
    if ((await this.analyzer()).learned) this.scheduleRescore();
    return n;
  }

  /** After interactions were recorded: score the comments among them (the interactions with a text that are comments), by their external ids. */
  async scoreInteractions(externalIds: readonly string[]): Promise<number> {
    let n = 0;
    for (const slice of chunks(externalIds, 500)) {
      n += await this.score(await this.commentTexts(`"i"."externalId" IN (${slice.map(() => "?").join(", ")})`, "", slice));
    }
    if (n > 0 && (await this.analyzer()).learned) this.scheduleRescore();
    return n;
  }

  private closed = false;

  /** Stops the backfill between steps and waits for it (shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.rescoreTimer) clearTimeout(this.rescoreTimer);
    this.rescoreTimer = null;
    await this.backfilling?.catch(() => undefined);
    await this.scorer.close();
  }

  /** Runs an ingest hook's scoring without failing the ingest: a text left unscored is found by the backfill. */
  async afterIngest(what: string, run: () => Promise<number>): Promise<void> {
    try {
      await run();
    } catch (err) {
      this.logger.error({ err, what }, "sentiment scoring after ingest failed; the backfill will score these texts");
    }
  }

  /**
   * Scores every text without a current score from the current analyser version (new texts whose
   * ingest hook failed, everything after an analyser upgrade), in steps. One run at a time.
   */
  backfill(onProgress?: (scored: number) => void): Promise<number> {
    this.backfilling ??= (async () => {
      let total = 0;
      const analyzer = await this.analyzer();
      const version = analyzer.version;
      const stale = (type: SentimentTarget, id: string) =>
        `NOT EXISTS (SELECT 1 FROM "sentiment_scores" "s" WHERE "s"."targetType" = '${type}' AND "s"."targetId" = ${id} AND "s"."analyzerVersion" = ?)`;
      try {
        for (;;) {
          if (this.closed) return total;
          const posts = await this.postTexts(`WHERE ${stale("POST", `"p"."id"`)} ORDER BY "p"."id" LIMIT ${backfillStep}`, [version]);
          if (posts.length === 0) break;
          total += await this.score(posts, analyzer);
          onProgress?.(total);
        }
        for (;;) {
          if (this.closed) return total;
          const comments = await this.commentTexts(stale("INTERACTION", `"i"."id"`), `ORDER BY "i"."id" LIMIT ${backfillStep}`, [version]);
          if (comments.length === 0) break;
          total += await this.score(comments, analyzer);
          onProgress?.(total);
        }
        return total;
      } finally {
        this.backfilling = null;
        // The analyser changed while this pass ran with the old one: once more with the new one.
        if (this.backfillAgain && !this.closed) {
          this.backfillAgain = false;
          void this.backfill().catch((err) => this.logger.error({ err }, "sentiment backfill failed"));
        }
      }
    })();
    return this.backfilling;
  }

  /** Re-scores an account's posts and the comments on them (after its rules changed), with the current analyser. */
  async rescoreAccount(accountId: number): Promise<number> {
    const analyzer = await this.analyzer();
    let total = 0;
    let after = 0;
    for (;;) {
      const posts = await this.postTexts(`WHERE "p"."authorId" = ? AND "p"."id" > ? ORDER BY "p"."id" LIMIT ${backfillStep}`, [accountId, after]);
      if (posts.length === 0) break;
      total += await this.score(posts, analyzer);
      after = posts[posts.length - 1].targetId;
    }
    after = 0;
    for (;;) {
      const comments = await this.commentTexts(`"p"."authorId" = ? AND "i"."id" > ?`, `ORDER BY "i"."id" LIMIT ${backfillStep}`, [accountId, after]);
      if (comments.length === 0) break;
      total += await this.score(comments, analyzer);
      after = comments[comments.length - 1].targetId;
    }
    return total;
  }

  // ── Reading scores ─────────────────────────────────────────────────────────────────────────────

  /** The current score of a post or an interaction (batched per request), or null. */
  current(loaders: Loaders, targetType: SentimentTarget, id: number): Promise<SentimentScore | null> {
    return loaders
      .get<number, SentimentScore | null>(`Sentiment.${targetType}`, async (ids) => {
        const m = this.db.mapper(SentimentScore);
        const found = new Map<number, SentimentScore>();
        for (const slice of chunks(ids, 500)) {
          const rows = await this.db.query<Row>(
            `SELECT ${m.select("s")} FROM "sentiment_scores" "s" WHERE "s"."targetType" = ? AND "s"."targetId" IN (${slice.map(() => "?").join(", ")})`,
            [targetType, ...slice],
          );
          for (const s of m.hydrateAll(rows)) found.set(s.targetId, s);
        }
        return ids.map((i) => found.get(i) ?? null);
      })
      .load(id);
  }

  // ── Brand vocabulary ───────────────────────────────────────────────────────────────────────────

  async rules(accountId: number): Promise<VocabularyRuleEntity[]> {
    const m = this.db.mapper(VocabularyRuleEntity);
    return m.hydrateAll(await this.db.query<Row>(`SELECT ${m.select("r")} FROM "vocabulary_rules" "r" WHERE "r"."accountId" = ? ORDER BY "r"."phrase"`, [accountId]));
  }

  /**
   * Adds or replaces an account's rules (by phrase), all or nothing, then re-scores the account's
   * texts. Returns the account's rules and how many texts were re-scored.
   */
  async setRules(accountId: number, input: ReadonlyArray<{ phrase: string; polarity: number }>): Promise<{ rules: VocabularyRuleEntity[]; rescored: number }> {
    if (input.length === 0) throw new BadUserInputError("rules", "expected at least one rule, found none");
    if (input.length > 500) throw new BadUserInputError("rules", `expected at most 500 rules, found ${input.length}`);
    const problems: Array<{ field: string; message: string; index: number }> = [];
    const rows = input.map((r, i) => {
      const phrase = normalizePhrase(r.phrase ?? "");
      if (phrase.length < 1 || phrase.length > 200) problems.push({ index: i, field: `rules[${i}].phrase`, message: `expected 1–200 characters, found ${phrase.length}` });
      else if (/\p{Cc}/u.test(phrase)) problems.push({ index: i, field: `rules[${i}].phrase`, message: `expected a word or phrase without control characters, found ${JSON.stringify(r.phrase)}` });
      else if (!/[\p{L}\p{N}]/u.test(phrase)) problems.push({ index: i, field: `rules[${i}].phrase`, message: `expected a word or phrase, found ${JSON.stringify(r.phrase)}` });
      if (!Number.isFinite(r.polarity) || r.polarity < -1 || r.polarity > 1) {
        problems.push({ index: i, field: `rules[${i}].polarity`, message: `expected a number between -1 and 1, found ${r.polarity}` });
      }
      return { accountId, phrase, polarity: r.polarity, createdAt: new Date() };
    });
    if (problems.length > 0) throw BadUserInputError.fromProblems(problems);
    const unique = [...new Map(rows.map((r) => [r.phrase, r])).values()];
    await this.db.write((tx) =>
      this.db.insertMany(tx, "vocabulary_rules", VocabularyRuleEntity, ["accountId", "phrase", "polarity", "createdAt"], unique, `ON CONFLICT ("accountId", "phrase") DO UPDATE SET "polarity" = excluded."polarity"`),
    );
    this.rulesByAccount.delete(accountId);
    const rescored = await this.rescoreAccount(accountId);
    return { rules: await this.rules(accountId), rescored };
  }

  /** Removes rules of an account by phrase; re-scores its texts. */
  async removeRules(accountId: number, phrases: readonly string[]): Promise<{ removed: number; rescored: number }> {
    const normalized = [...new Set(phrases.map(normalizePhrase))];
    if (normalized.length === 0) throw new BadUserInputError("phrases", "expected at least one phrase, found none");
    const removed = await this.db.write((tx) =>
      tx.execute(`DELETE FROM "vocabulary_rules" WHERE "accountId" = ? AND "phrase" IN (${normalized.map(() => "?").join(", ")})`, [accountId, ...normalized]),
    );
    this.rulesByAccount.delete(accountId);
    return { removed, rescored: removed > 0 ? await this.rescoreAccount(accountId) : 0 };
  }

  // ── Labelled examples (what the learned model trains on) ───────────────────────────────────────

  /**
   * Stores labelled examples, all or nothing: every row is checked first (label, text, score) and a bad
   * one rejects the batch naming its index and field. Idempotent on `key` (given, or a hash of source,
   * text and label): re-sending updates nothing twice.
   */
  async addExamples(input: ReadonlyArray<{ text: string; label: string; score?: number | null; key?: string | null }>, source: string): Promise<{ received: number; stored: number }> {
    if (input.length === 0) throw new BadUserInputError("examples", "expected at least one example, found none");
    if (input.length > 5_000) throw new BadUserInputError("examples", `expected at most 5000 examples, found ${input.length}`);
    const src = cleanText(source ?? "");
    if (src.length < 1 || src.length > 120) throw new BadUserInputError("source", `expected 1–120 characters, found ${src.length}`);
    const problems: Array<{ field: string; message: string; index: number }> = [];
    const rows = input.map((r, i) => {
      const text = cleanText(r.text ?? "");
      if (text.length < 1 || text.length > 10_000) problems.push({ index: i, field: `examples[${i}].text`, message: `expected 1–10000 characters (UTF-16 units: most emoji count 2), found ${text.length}` });
      const label = String(r.label ?? "").toLowerCase();
      if (!["negative", "neutral", "positive"].includes(label)) problems.push({ index: i, field: `examples[${i}].label`, message: `expected negative, neutral or positive, found ${JSON.stringify(r.label)}` });
      if (r.score != null && (!Number.isFinite(r.score) || r.score < -1 || r.score > 1)) problems.push({ index: i, field: `examples[${i}].score`, message: `expected a number between -1 and 1, found ${r.score}` });
      else if (r.score != null && ["negative", "neutral", "positive"].includes(label) && labelOf(r.score) !== label) {
        problems.push({ index: i, field: `examples[${i}].label`, message: `expected ${labelOf(r.score).toUpperCase()} for the score ${r.score} (|score| < 0.05 is NEUTRAL), found ${label.toUpperCase()}` });
      }
      const key = r.key ? cleanText(r.key) : createHash("sha1").update(`${src}\u0000${label}\u0000${text}`).digest("hex");
      if (key.length < 1 || key.length > 200) problems.push({ index: i, field: `examples[${i}].key`, message: `expected 1–200 characters, found ${key.length}` });
      return { key, text, label, score: r.score ?? null, source: src, createdAt: new Date() };
    });
    if (problems.length > 0) throw BadUserInputError.fromProblems(problems.slice(0, 50));
    const unique = [...new Map(rows.map((r) => [r.key, r])).values()];
    await this.db.write((tx) =>
      this.db.insertMany(tx, "sentiment_examples", SentimentExample, ["key", "text", "label", "score", "source", "createdAt"], unique, `ON CONFLICT ("key") DO UPDATE SET "text" = excluded."text", "label" = excluded."label", "score" = excluded."score", "source" = excluded."source"`),
    );
    return { received: input.length, stored: unique.length };
  }

  /** Counts of the stored examples, by label and by source. */
  async exampleStats(): Promise<{ total: number; byLabel: Array<{ label: string; count: number }>; bySource: Array<{ source: string; count: number }> }> {
    const byLabel = await this.db.query<{ label: string; n: number | string }>(`SELECT "label", COUNT(*) AS "n" FROM "sentiment_examples" GROUP BY "label" ORDER BY "label"`);
    const bySource = await this.db.query<{ source: string; n: number | string }>(`SELECT "source", COUNT(*) AS "n" FROM "sentiment_examples" GROUP BY "source" ORDER BY "source"`);
    return {
      total: byLabel.reduce((s, r) => s + Number(r.n), 0),
      byLabel: byLabel.map((r) => ({ label: r.label, count: Number(r.n) })),
      bySource: bySource.map((r) => ({ source: r.source, count: Number(r.n) })),
    };
  }

  /** Every stored example, in id order (the training table of the learned model). */
  async examples(): Promise<Array<{ text: string; label: SentimentLabel; score: number | null; createdAt: Date }>> {
    const rows = await this.db.query<{ text: string; label: string; score: number | null; createdAt: unknown }>(`SELECT "text", "label", "score", "createdAt" FROM "sentiment_examples" ORDER BY "id"`);
    return rows.map((r) => ({ text: r.text, label: r.label as SentimentLabel, score: r.score == null ? null : Number(r.score), createdAt: this.db.toDate(r.createdAt)! }));
  }

}

/** What a stored score keeps besides the score: sentence scores, language, and what changed it. */
function detailsOf(a: SentimentScoreResult, fallback: LearnedFallback | null): Record<string, unknown> {
  return {
    sentences: a.sentenceScores.slice(0, 20),
    language: a.language,
    ...(fallback ? { fallback } : {}),
    ...(a.truncated ? { truncated: true } : {}),
    ...(a.rulesApplied.length ? { rules: a.rulesApplied } : {}),
  };
}
