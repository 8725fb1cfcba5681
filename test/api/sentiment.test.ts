import {
  AnalyzeTextDocument,
  PostSentimentsDocument,
  RecordInteractionsDocument,
  RemoveVocabularyRulesDocument,
  SentimentSeriesDocument,
  SetVocabularyRulesDocument,
  ShareOfVoiceDocument,
  UpsertPostsDocument,
  UpsertUsersDocument,
  type PostSentimentsQuery,
} from "./__generated__/graphql";
import { startServer, type TestServer } from "./support/server";

// Sentiment over a real server and database with real wink-nlp: scoring on ingest, ad-hoc analysis,
// brand vocabulary rules with re-scoring, and the BI rollups checked against the stored scores.
let api: TestServer;
const ids: Record<string, string> = {};

type PostNode = PostSentimentsQuery["posts"]["nodes"][number];

async function allPosts(): Promise<Map<string, PostNode>> {
  const { posts } = await api.ok(PostSentimentsDocument, { first: 50 });
  return new Map(posts.nodes.map((p) => [p.externalId, p]));
}

/** Every stored text (posts and comments) with its score, by a key: the post's externalId or the comment's text. */
async function allTexts(): Promise<Map<string, { score: number; label: string; day: string; account: string }>> {
  const out = new Map<string, { score: number; label: string; day: string; account: string }>();
  for (const p of (await allPosts()).values()) {
    const account = p.externalId.startsWith("a") ? "skateco" : "otherco";
    out.set(p.externalId, { score: p.sentiment!.score, label: p.sentiment!.label, day: postDays[p.externalId], account });
    for (const c of p.interactions.nodes) if (c.text && c.type === "COMMENT") out.set(c.text, { score: c.sentiment!.score, label: c.sentiment!.label, day: commentDays[c.text], account });
  }
  return out;
}

const postDays: Record<string, string> = { a1: "2026-03-02", a2: "2026-03-02", b1: "2026-03-03" };
const commentDays: Record<string, string> = { "sick trick!": "2026-03-02", "terrible wheels 😡": "2026-03-03", "so sick": "2026-03-03" };

beforeAll(async () => {
  api = await startServer();
  const { upsertUsers } = await api.ok(UpsertUsersDocument, {
    users: [
      { platform: "INSTAGRAM", handle: "skateco", isBrand: true },
      { platform: "INSTAGRAM", handle: "otherco", isBrand: true },
      { platform: "INSTAGRAM", handle: "fan1" },
      { platform: "INSTAGRAM", handle: "fan2" },
    ],
  } as never);
  for (const u of upsertUsers.items) ids[u.handle] = u.id;
  const { upsertPosts } = await api.ok(UpsertPostsDocument, {
    posts: [
      { platform: "INSTAGRAM", externalId: "a1", authorHandle: "skateco", text: "This deck is sick #deck", mediaType: "PHOTO", publishedAt: "2026-03-02T10:00:00Z" },
      { platform: "INSTAGRAM", externalId: "a2", authorHandle: "skateco", text: "Good morning riders, great day to skate #deck", mediaType: "VIDEO", publishedAt: "2026-03-02T15:00:00Z" },
      { platform: "INSTAGRAM", externalId: "b1", authorHandle: "otherco", text: "I feel sick today", mediaType: "TEXT", publishedAt: "2026-03-03T09:00:00Z" },
    ],
  } as never);
  for (const p of upsertPosts.items) ids[p.externalId] = p.id;
  await api.ok(RecordInteractionsDocument, {
    interactions: [
      { externalId: "c1", userHandle: "fan1", platform: "INSTAGRAM", postExternalId: "a1", type: "COMMENT", text: "sick trick!", occurredAt: "2026-03-02T11:00:00Z" },
      { externalId: "c2", userHandle: "fan2", platform: "INSTAGRAM", postExternalId: "a1", type: "COMMENT", text: "terrible wheels 😡", occurredAt: "2026-03-03T12:00:00Z" },
      { externalId: "l1", userHandle: "fan1", platform: "INSTAGRAM", postExternalId: "a2", type: "LIKE", occurredAt: "2026-03-02T16:00:00Z" },
      // Only comments are scored: a like that carries a text is not.
      { externalId: "l2", userHandle: "fan2", platform: "INSTAGRAM", postExternalId: "a2", type: "LIKE", text: "love it", occurredAt: "2026-03-02T17:00:00Z" },
      { externalId: "c3", userHandle: "fan2", platform: "INSTAGRAM", postExternalId: "b1", type: "COMMENT", text: "so sick", occurredAt: "2026-03-03T13:00:00Z" },
    ],
  } as never);
});

afterAll(async () => {
  await api?.stop();
});

describe("sentiment on ingest", () => {
  it("scores every post and comment when it arrives, naming the analyser; interactions without text have none", async () => {
    const posts = await allPosts();
    expect(posts.get("a1")!.sentiment).toMatchObject({ label: "NEGATIVE", analyzer: "lexicon", rulesApplied: [], language: "en" });
    expect(posts.get("a1")!.sentiment!.analyzerVersion).toMatch(/^\d+\.\d+\.\d+\+\d+\.\d+\.\d+\+r\d+$/);
    expect(posts.get("a2")!.sentiment!.label).toBe("POSITIVE");
    expect(posts.get("a2")!.sentiment!.sentenceScores).toHaveLength(1);
    expect(posts.get("b1")!.sentiment!.label).toBe("NEGATIVE");
    const comments = [...posts.values()].flatMap((p) => p.interactions.nodes);
    expect(comments.find((c) => c.text === "terrible wheels 😡")!.sentiment!.label).toBe("NEGATIVE");
    expect(comments.filter((c) => c.type === "LIKE").map((c) => [c.text ?? null, c.sentiment])).toEqual([
      ["love it", null],
      [null, null],
    ]);
  });
});

describe("analyzeText", () => {
  it("handles negation, emoji, emoticons and the parts of a text", async () => {
    const { analyzeText } = await api.ok(AnalyzeTextDocument, {
      texts: ["not good at all 😡", "I love this product :) #happy @skateco https://example.com", "good", "not good", "Great shoes. Awful laces.", "thanks 👍🏽 from 🇬🇧 ❤️ © 2026", "  first line\r\nsecond\u0000line  "],
    });
    // The text as analysed keeps its lines: cleaned (control characters out, line ends unified, trimmed), not re-joined.
    expect(analyzeText[6].text).toBe("first line\nsecond line");
    // Each emoji whole: a skin tone, a flag's two letters and a variation selector stay with their emoji; © is text.
    expect(analyzeText[5].emoji).toEqual(["👍🏽", "🇬🇧", "❤️"]);
    expect(analyzeText[0]).toMatchObject({ label: "NEGATIVE", emoji: ["😡"] });
    expect(analyzeText[0].negations).toBeGreaterThan(0);
    expect(analyzeText[1]).toMatchObject({ label: "POSITIVE", emoticons: [":)"], hashtags: ["happy"], mentions: ["skateco"], urls: ["https://example.com"] });
    expect(analyzeText[1].keywords).toEqual(expect.arrayContaining(["love", "product"]));
    // "not good" mirrors "good": the negation flips the same lexicon weight.
    expect(analyzeText[2].label).toBe("POSITIVE");
    expect(analyzeText[3].score).toBeCloseTo(-analyzeText[2].score, 10);
    // Per-sentence scores: one positive sentence, one negative.
    expect(analyzeText[4].sentences.map((s) => s.label)).toEqual(["POSITIVE", "NEGATIVE"]);
  });

  it("gives a defined answer for empty, huge and non-English texts", async () => {
    const huge = "great ".repeat(2_500); // 15,000 characters
    const { analyzeText } = await api.ok(AnalyzeTextDocument, { texts: ["", "   ", huge, "这个产品很好", "Me encanta este producto, es muy bueno"] });
    expect(analyzeText[0]).toMatchObject({ score: 0, label: "NEUTRAL", words: 0, sentences: [], truncated: false });
    expect(analyzeText[1]).toMatchObject({ score: 0, label: "NEUTRAL", words: 0 });
    expect(analyzeText[2]).toMatchObject({ label: "POSITIVE", truncated: true });
    expect(analyzeText[2].text.length).toBeLessThanOrEqual(10_000);
    expect(analyzeText[3]).toMatchObject({ label: "NEUTRAL", language: "other" });
    expect(analyzeText[4]).toMatchObject({ label: "NEUTRAL", language: "other" });
  });

  it("refuses more than 100 texts, or none, with the field named", async () => {
    const tooMany = await api.query(AnalyzeTextDocument, { texts: Array.from({ length: 101 }, (_, i) => `text ${i}`) });
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "texts" });
    const none = await api.query(AnalyzeTextDocument, { texts: [] });
    expect(none.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "texts" });
    const unknown = await api.query(AnalyzeTextDocument, { texts: ["x"], accountId: "VXNlcjo5OTk5OTk=" });
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND", field: "accountId" });
  });
});

describe("rollups for BI", () => {
  it("sentimentSeries by day matches the stored scores, and pages through every row in order", async () => {
    const texts = await allTexts();
    const { sentimentSeries } = await api.ok(SentimentSeriesDocument, { granularity: "DAY", groupBy: "NONE" });
    const rows = sentimentSeries.edges.map((e) => e.node);
    expect(rows.map((r) => r.bucket)).toEqual(["2026-03-02T00:00:00.000Z", "2026-03-03T00:00:00.000Z"]);
    for (const r of rows) {
      const day = [...texts.values()].filter((t) => t.day === r.bucket.slice(0, 10));
      expect(r).toMatchObject({ groupKey: "all", count: day.length });
      expect(r.meanScore).toBeCloseTo(day.reduce((s, t) => s + t.score, 0) / day.length, 10);
      expect(r.negative).toBeCloseTo(day.filter((t) => t.label === "NEGATIVE").length / day.length, 10);
      expect(r.positive + r.neutral + r.negative).toBeCloseTo(1, 10);
    }
    // 2 March: a1 (negative), a2 (positive), "sick trick!" (negative) — by hand from the lexicon's labels.
    expect(rows[0]).toMatchObject({ count: 3 });
    expect(rows[0].negative).toBeCloseTo(2 / 3, 10);

    // Day × account, one row per page: the same rows as one big page, in (bucket, group) order.
    const full = await api.ok(SentimentSeriesDocument, { granularity: "DAY", groupBy: "ACCOUNT" });
    const paged: string[] = [];
    let after: string | null | undefined;
    for (let i = 0; i < 10; i++) {
      const { sentimentSeries: page } = await api.ok(SentimentSeriesDocument, { granularity: "DAY", groupBy: "ACCOUNT", first: 1, after });
      paged.push(...page.edges.map((e) => `${e.node.bucket}|${e.node.groupLabel}|${e.node.count}`));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(paged).toEqual(full.sentimentSeries.edges.map((e) => `${e.node.bucket}|${e.node.groupLabel}|${e.node.count}`));
    // By week (buckets start on Monday, before the first text of the week) the same.
    const weeks = await api.ok(SentimentSeriesDocument, { granularity: "WEEK", groupBy: "ACCOUNT" });
    const weekly: string[] = [];
    let weekAfter: string | null | undefined;
    for (let i = 0; i < 10; i++) {
      const { sentimentSeries: week } = await api.ok(SentimentSeriesDocument, { granularity: "WEEK", groupBy: "ACCOUNT", first: 1, after: weekAfter });
      weekly.push(...week.edges.map((e) => `${e.node.bucket}|${e.node.groupLabel}|${e.node.count}`));
      if (!week.pageInfo.hasNextPage) break;
      weekAfter = week.pageInfo.endCursor;
    }
    expect(weekly.length).toBe(2);
    expect(weekly).toEqual(weeks.sentimentSeries.edges.map((e) => `${e.node.bucket}|${e.node.groupLabel}|${e.node.count}`));
    expect(paged).toEqual(["2026-03-02T00:00:00.000Z|@skateco · instagram|3", "2026-03-03T00:00:00.000Z|@otherco · instagram|2", "2026-03-03T00:00:00.000Z|@skateco · instagram|1"]);
    // By hour, from a \`from\` and without: a page first aggregates only the buckets it can reach (a window of
    // first + 1 hours here) and, where the texts are hours apart, reads on past the window. Same rows either way.
    for (const filter of [undefined, { from: "2026-03-01T10:30:00Z" }, { from: "2026-03-01T10:30:00Z", to: "2026-03-09T00:00:00Z" }]) {
      const hours = await api.ok(SentimentSeriesDocument, { granularity: "HOUR", groupBy: "ACCOUNT", filter });
      for (const first of [1, 2]) {
        const hourly: string[] = [];
        let hourAfter: string | null | undefined;
        for (let i = 0; i < 20; i++) {
          const { sentimentSeries: hour } = await api.ok(SentimentSeriesDocument, { granularity: "HOUR", groupBy: "ACCOUNT", filter, first, after: hourAfter });
          hourly.push(...hour.edges.map((e) => `${e.node.bucket}|${e.node.groupLabel}|${e.node.count}`));
          if (!hour.pageInfo.hasNextPage) break;
          hourAfter = hour.pageInfo.endCursor;
        }
        expect(hourly.length).toBeGreaterThanOrEqual(3);
        expect(hourly).toEqual(hours.sentimentSeries.edges.map((e) => `${e.node.bucket}|${e.node.groupLabel}|${e.node.count}`));
      }
    }
  });

  it("groups by hashtag and week, filters by kind, and refuses a foreign cursor", async () => {
    const { sentimentSeries } = await api.ok(SentimentSeriesDocument, { granularity: "WEEK", groupBy: "HASHTAG", filter: { kinds: ["POST"] } });
    // Both #deck posts fall in the ISO week starting Monday 2 March 2026; b1 has no hashtag.
    expect(sentimentSeries.edges.map((e) => e.node)).toMatchObject([{ bucket: "2026-03-02T00:00:00.000Z", groupKey: "deck", groupLabel: "#deck", count: 2, positive: 0.5, negative: 0.5 }]);
    // No kind checked is a mistake (a UI's empty checkboxes), not "every kind".
    const none = await api.query(SentimentSeriesDocument, { granularity: "WEEK", groupBy: "NONE", filter: { kinds: [] } });
    expect(none.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.kinds" });
    const bad = await api.query(SentimentSeriesDocument, { granularity: "DAY", groupBy: "NONE", after: "bm90IGEgY3Vyc29y" });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    const empty = await api.query(SentimentSeriesDocument, { granularity: "DAY", groupBy: "NONE", after: "" });
    expect(empty.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    // A cursor of a DAY × ACCOUNT series does not continue a WEEK or a DAY × NONE one: it would skip rows.
    const day = await api.ok(SentimentSeriesDocument, { granularity: "DAY", groupBy: "ACCOUNT", first: 1 });
    for (const other of [{ granularity: "WEEK", groupBy: "ACCOUNT" }, { granularity: "DAY", groupBy: "NONE" }]) {
      const r = await api.query(SentimentSeriesDocument, { ...other, after: day.sentimentSeries.pageInfo.endCursor } as never);
      expect(r.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^after: the cursor belongs to a sentimentSeries query by DAY, ACCOUNT, not by (WEEK, ACCOUNT|DAY, NONE)$/), extensions: { code: "BAD_USER_INPUT", field: "after" } });
    }
    // A well-formed cursor whose bucket is not a time.
    const forged = Buffer.from(JSON.stringify(["sentimentSeries", "DAY", "NONE", "x", "all"])).toString("base64url");
    expect((await api.query(SentimentSeriesDocument, { granularity: "DAY", groupBy: "NONE", after: forged })).errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    const backwards = await api.query(SentimentSeriesDocument, { granularity: "DAY", groupBy: "NONE", filter: { from: "2026-03-03T00:00:00Z", to: "2026-03-02T00:00:00Z" } });
    expect(backwards.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.to" });
  });

  it("reads a null filter as none, and refuses unknown IDs and segment IDs that are not global IDs", async () => {
    const q = `query($filter: SentimentFilter) { sentimentSeries(filter: $filter, granularity: MONTH) { nodes { count } } }`;
    const withNull = await api.ok<{ sentimentSeries: { nodes: Array<{ count: number }> } }, unknown>(q, { filter: null });
    const without = await api.ok<{ sentimentSeries: { nodes: Array<{ count: number }> } }, unknown>(q, {});
    expect(withNull).toEqual(without);
    expect(withNull.sentimentSeries.nodes).toEqual([{ count: 6 }]);
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ accountId: "VXNlcjo5OTk5OTk=" }, "NOT_FOUND", "filter.accountId"],
      [{ authorId: "VXNlcjo5OTk5OTk=" }, "NOT_FOUND", "filter.authorId"],
      [{ postId: Buffer.from("Post:999999").toString("base64") }, "NOT_FOUND", "filter.postId"],
      [{ segmentId: Buffer.from("Segment:4242").toString("base64") }, "NOT_FOUND", "filter.segmentId"],
      [{ segmentId: "6" }, "BAD_USER_INPUT", "filter.segmentId"],
    ];
    for (const [filter, code, field] of cases) {
      for (const query of [q, `query($filter: SentimentFilter) { shareOfVoice(filter: $filter) { total } }`]) {
        const r = await api.query(query, { filter });
        expect([filter, r.errors?.[0].extensions?.code, r.errors?.[0].extensions?.field]).toEqual([filter, code, field]);
      }
    }
  });

  it("shareOfVoice splits the conversation by account", async () => {
    const { shareOfVoice } = await api.ok(ShareOfVoiceDocument, { groupBy: "ACCOUNT" });
    expect(shareOfVoice.total).toBe(6);
    expect(shareOfVoice.groups.map((g) => [g.groupKey, g.groupLabel, g.count])).toEqual([
      [ids.skateco, "@skateco · instagram", 4],
      [ids.otherco, "@otherco · instagram", 2],
    ]);
    expect(shareOfVoice.groups[0].share).toBeCloseTo(4 / 6, 10);
    expect(shareOfVoice.groups[0].netSentiment).toBeCloseTo(shareOfVoice.groups[0].positive - shareOfVoice.groups[0].negative, 10);
    expect(shareOfVoice).toMatchObject({ groupCount: 2, otherCount: 0 });
    // Fewer groups than there are: what is not listed is counted, so the shares can be reconciled.
    const top = await api.ok<{ shareOfVoice: { total: number; groupCount: number; otherCount: number; groups: Array<{ count: number }> } }, unknown>(
      `{ shareOfVoice(groupBy: ACCOUNT, first: 1) { total groupCount otherCount groups { count } } }`,
    );
    expect(top.shareOfVoice).toEqual({ total: 6, groupCount: 2, otherCount: 2, groups: [{ count: 4 }] });
    const all = await api.ok<{ shareOfVoice: { groupCount: number; otherCount: number; groups: Array<{ count: number }> } }, unknown>(`{ shareOfVoice(groupBy: NONE) { groupCount otherCount groups { count } } }`);
    expect(all.shareOfVoice).toEqual({ groupCount: 1, otherCount: 0, groups: [{ count: 6 }] });
    // What a grouping leaves out is counted apart: b1 and its comment have no hashtag; with no segmentation trained,
    // every text's author is in no segment.
    const Voice = `query($g: SentimentGroupBy!) { shareOfVoice(groupBy: $g) { total ungroupedCount } }`;
    type Voice = { shareOfVoice: { total: number; ungroupedCount: number } };
    expect((await api.ok<Voice, unknown>(Voice, { g: "HASHTAG" })).shareOfVoice).toEqual({ total: 4, ungroupedCount: 2 });
    expect((await api.ok<Voice, unknown>(Voice, { g: "SEGMENT" })).shareOfVoice).toEqual({ total: 0, ungroupedCount: 6 });
    expect((await api.ok<Voice, unknown>(Voice, { g: "ACCOUNT" })).shareOfVoice).toEqual({ total: 6, ungroupedCount: 0 });
  });
});

describe("brand vocabulary", () => {
  it("a rule re-scores the account's posts and the comments on them, and nothing else", async () => {
    const before = await allTexts();
    const bad = await api.query(SetVocabularyRulesDocument, { accountId: ids.skateco, rules: [{ phrase: "sick", polarity: 0.8 }, { phrase: "rad", polarity: 2 }] });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "rules[1].polarity" });
    const unchanged = await api.ok(`query($id: ID!) { node(id: $id) { ... on User { vocabularyRules { phrase } } } }`, { id: ids.skateco });
    expect(unchanged).toEqual({ node: { vocabularyRules: [] } });

    const { setVocabularyRules } = await api.ok(SetVocabularyRulesDocument, { accountId: ids.skateco, rules: [{ phrase: "  Sick ", polarity: 0.8 }] });
    // skateco's two posts and the two comments on a1.
    expect(setVocabularyRules).toEqual({ rules: [{ phrase: "sick", polarity: 0.8 }], rescored: 4 });
    const after = await allTexts();
    expect(after.get("a1")!.label).toBe("POSITIVE");
    expect(after.get("sick trick!")!.label).toBe("POSITIVE");
    // otherco's post and the comment on it keep their scores: the rule is skateco's.
    expect(after.get("b1")).toEqual(before.get("b1"));
    expect(after.get("so sick")).toEqual(before.get("so sick"));
    const posts = await allPosts();
    expect(posts.get("a1")!.sentiment!.rulesApplied).toEqual(["sick"]);

    // Drafts see the rule with the account, and negation still applies to the brand word.
    const { analyzeText } = await api.ok(AnalyzeTextDocument, { texts: ["so sick", "not sick at all"], accountId: ids.skateco });
    expect(analyzeText.map((a) => [a.label, a.rulesApplied])).toEqual([
      ["POSITIVE", ["sick"]],
      ["NEGATIVE", ["sick"]],
    ]);

    const removed = await api.ok(RemoveVocabularyRulesDocument, { accountId: ids.skateco, phrases: ["SICK"] });
    expect(removed.removeVocabularyRules).toEqual({ removed: 1, rescored: 4 });
    expect((await allTexts()).get("a1")).toEqual(before.get("a1"));
  });

  it("refuses rules for an unknown account", async () => {
    const r = await api.query(SetVocabularyRulesDocument, { accountId: "VXNlcjo5OTk5OTk=", rules: [{ phrase: "sick", polarity: 1 }] });
    expect(r.errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND", field: "accountId" });
  });
});

describe("labelled examples for the learned model", () => {
  it("stores examples idempotently, all or nothing, and counts them", async () => {
    const add = `mutation($examples: [SentimentExampleInput!]!, $source: String) { addSentimentExamples(examples: $examples, source: $source) {
      received stored examples { total byLabel { label count } bySource { source count } } } }`;
    const bad = await api.query(add, {
      examples: [{ text: "great", label: "POSITIVE" }, { text: "  ", label: "NEGATIVE" }, { text: "ok", label: "NEUTRAL", score: 3 }, { text: "great", label: "NEGATIVE", score: 0.9 }],
    });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "examples[1].text" });
    const problems = bad.errors?.[0].extensions?.problems as Array<{ field: string; message: string }>;
    expect(problems.map((p) => p.field)).toEqual(["examples[1].text", "examples[2].score", "examples[3].label"]);
    expect(problems[2].message).toBe("expected POSITIVE for the score 0.9 (|score| < 0.05 is NEUTRAL), found NEGATIVE");
    const none = await api.ok<{ sentimentExamples: { total: number } }, unknown>(`{ sentimentExamples { total } }`);
    expect(none.sentimentExamples.total).toBe(0);

    const examples = [
      { text: "I love it", label: "POSITIVE", score: 0.8 },
      { text: "Meh, it is fine", label: "NEUTRAL" },
      { text: "Broke in a day", label: "NEGATIVE", score: -0.7, key: "ticket-17" },
    ];
    const first = await api.ok<{ addSentimentExamples: { received: number; stored: number; examples: { total: number } } }, unknown>(add, { examples, source: "support-inbox" });
    expect(first.addSentimentExamples).toMatchObject({ received: 3, stored: 3, examples: { total: 3 } });
    // Re-sending (and a relabelled key) changes the count of nothing.
    const again = await api.ok<{ addSentimentExamples: { examples: { total: number; byLabel: unknown[]; bySource: unknown[] } } }, unknown>(add, {
      examples: [...examples.slice(0, 2), { ...examples[2], text: "Broke in a day, twice" }],
      source: "support-inbox",
    });
    expect(again.addSentimentExamples.examples).toEqual({
      total: 3,
      byLabel: [
        { label: "NEGATIVE", count: 1 },
        { label: "NEUTRAL", count: 1 },
        { label: "POSITIVE", count: 1 },
      ],
      bySource: [{ source: "support-inbox", count: 3 }],
    });
  });
});

describe("a post that changes author", () => {
  it("takes its comments to the new account: rollups and brand rules follow", async () => {
    await api.ok(SetVocabularyRulesDocument, { accountId: ids.skateco, rules: [{ phrase: "sick", polarity: 0.8 }] });
    expect((await allTexts()).get("so sick")!.label).toBe("NEGATIVE"); // on otherco's post: no rule
    await api.ok(UpsertPostsDocument, {
      posts: [{ platform: "INSTAGRAM", externalId: "b1", authorHandle: "skateco", text: "I feel sick today", mediaType: "TEXT", publishedAt: "2026-03-03T09:00:00Z" }],
    } as never);
    const { shareOfVoice } = await api.ok(ShareOfVoiceDocument, { groupBy: "ACCOUNT" });
    expect(shareOfVoice.groups.map((g) => [g.groupLabel, g.count])).toEqual([["@skateco · instagram", 6]]);
    const { posts } = await api.ok(PostSentimentsDocument, { first: 50 });
    const comment = posts.nodes.find((p) => p.externalId === "b1")!.interactions.nodes.find((c) => c.text === "so sick")!;
    expect(comment.sentiment?.label).toBe("POSITIVE");
    await api.ok(RemoveVocabularyRulesDocument, { accountId: ids.skateco, phrases: ["sick"] });
  });
});
