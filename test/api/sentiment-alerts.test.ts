import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { createRng } from "../../src/ml/random";
import { RecordInteractionsDocument, UpsertPostsDocument, UpsertUsersDocument } from "./__generated__/graphql";
import { startServer, type TestServer } from "./support/server";

// Negative-spike alerts end to end: 30 days of ordinary comments raise nothing; a day where most comments
// turn negative raises one alert, pushed to a subscriber as it arrives and listed with its drivers.
let api: TestServer;
let ws: Client | undefined;

const days = 30;
const spikeDay = 25;
const perDay = 20;
const spikeNegatives = 12;
const day0 = Date.UTC(2026, 1, 1);
const at = (day: number, minute: number) => new Date(day0 + day * 86_400_000 + 12 * 3_600_000 + minute * 60_000).toISOString();
const dayStart = (day: number) => new Date(day0 + day * 86_400_000).toISOString();

const texts = { positive: "Love it, great quality", neutral: "Ordered one yesterday", negative: "Terrible, it broke after a day" };

const AlertsQuery = `query Alerts($groupBy: SentimentGroupBy!, $sensitivity: Float) {
  sentimentAlerts(groupBy: $groupBy, granularity: DAY, sensitivity: $sensitivity) {
    id bucket bucketEnd groupKey groupLabel count negativeCount negativeShare expectedShare zScore summary
    drivers(first: 5) { kind score post { externalId } comment { text } }
  }
}`;

type Alert = { id: string; bucket: string; count: number; negativeCount: number; groupLabel: string; zScore: number; summary: string; drivers: Array<{ kind: string; score: number; post: { externalId: string }; comment: { text: string } | null }> };

function comments(day: number, negatives: number, rng: ReturnType<typeof createRng>) {
  return Array.from({ length: perDay }, (_, i) => ({
    externalId: `c${day}-${i}`,
    userHandle: `fan${i}`,
    platform: "INSTAGRAM",
    postExternalId: `p${day}`,
    type: "COMMENT",
    text: i < negatives ? texts.negative : rng.next() < 0.6 ? texts.positive : texts.neutral,
    occurredAt: at(day, i),
  }));
}

beforeAll(async () => {
  api = await startServer();
  await api.ok(UpsertUsersDocument, {
    users: [{ platform: "INSTAGRAM", handle: "trailco", isBrand: true }, ...Array.from({ length: perDay }, (_, i) => ({ platform: "INSTAGRAM", handle: `fan${i}` }))],
  } as never);
  await api.ok(UpsertPostsDocument, {
    posts: Array.from({ length: days }, (_, d) => ({
      platform: "INSTAGRAM",
      externalId: `p${d}`,
      authorHandle: "trailco",
      text: "Our autumn collection is in the shop",
      category: "gear",
      mediaType: "PHOTO",
      publishedAt: at(d, 0),
    })),
  } as never);
  // Ordinary noise: every day 20 comments, 0–5 of them negative (binomial, p = 0.1); the spike day stays empty for now.
  const rng = createRng(11);
  const noise = [];
  for (let d = 0; d < days; d++) {
    if (d === spikeDay) continue;
    let k = 0;
    for (let i = 0; i < perDay; i++) if (rng.next() < 0.1) k++;
    noise.push(...comments(d, k, rng));
  }
  await api.ok(RecordInteractionsDocument, { interactions: noise } as never);
});

afterAll(async () => {
  if (ws) {
    const client = ws;
    // Wait for the socket to close, so no handle outlives the test.
    await new Promise<void>((resolve) => {
      client.on("closed", () => resolve());
      void client.dispose();
      setTimeout(resolve, 2_000).unref();
    });
  }
  await api?.stop();
});

describe("sentiment alerts", () => {
  it("raise nothing on 30 days of ordinary noise", async () => {
    for (const groupBy of ["NONE", "TOPIC", "ACCOUNT"]) {
      const { sentimentAlerts } = await api.ok<{ sentimentAlerts: Alert[] }, unknown>(AlertsQuery, { groupBy });
      expect(sentimentAlerts).toEqual([]);
    }
  });

  it("push a seeded negative spike to a subscriber as it arrives, and list it with the texts that drove it", async () => {
    ws = createClient({ url: api.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, lazy: false });
    const pushed: Alert[] = [];
    const received = new Promise<void>((resolve, reject) => {
      ws!.subscribe<{ sentimentAlertRaised: Alert }>(
        { query: `subscription { sentimentAlertRaised(groupBy: NONE) { id bucket count negativeCount groupLabel zScore summary drivers(first: 3) { kind score post { externalId } comment { text } } } }` },
        {
          next: (msg) => {
            if (msg.errors) reject(new Error(JSON.stringify(msg.errors)));
            pushed.push(msg.data!.sentimentAlertRaised);
            resolve();
          },
          error: reject,
          complete: () => undefined,
        },
      );
    });
    // Let the subscription register before the spike arrives.
    await new Promise((r) => setTimeout(r, 300));

    await api.ok(RecordInteractionsDocument, { interactions: comments(spikeDay, spikeNegatives, createRng(12)) } as never);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([received, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("no alert pushed within 10 s")), 10_000)))]);
    clearTimeout(timer);

    expect(pushed).toHaveLength(1);
    // The post's own (neutral) text counts too: 21 texts, 12 negative.
    expect(pushed[0]).toMatchObject({ bucket: dayStart(spikeDay), count: perDay + 1, negativeCount: spikeNegatives, groupLabel: "all" });
    expect(pushed[0].drivers).toHaveLength(3);
    expect(pushed[0].drivers.every((d) => d.kind === "COMMENT" && d.score < 0 && d.comment?.text === texts.negative && d.post.externalId === `p${spikeDay}`)).toBe(true);

    const { sentimentAlerts } = await api.ok<{ sentimentAlerts: Alert[] }, unknown>(AlertsQuery, { groupBy: "NONE" });
    expect(sentimentAlerts).toHaveLength(1);
    expect(sentimentAlerts[0]).toMatchObject({ id: pushed[0].id, bucket: dayStart(spikeDay), count: perDay + 1, negativeCount: spikeNegatives });
    expect(sentimentAlerts[0].zScore).toBeGreaterThan(3);
    expect(sentimentAlerts[0].summary).toMatch(/^Negative spike on all texts: 57% of 21 texts/);
    expect(sentimentAlerts[0].drivers).toHaveLength(5);

    // Watched per topic, the spike is on "gear".
    const byTopic = await api.ok<{ sentimentAlerts: Alert[] }, unknown>(AlertsQuery, { groupBy: "TOPIC" });
    expect(byTopic.sentimentAlerts.map((a) => [a.bucket, a.groupLabel])).toEqual([[dayStart(spikeDay), "gear"]]);
  });

  it("refuses a bad rule, naming the option", async () => {
    const r = await api.query(AlertsQuery, { groupBy: "NONE", sensitivity: 0 });
    expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "sensitivity" });
  });

  it("refuses a range that ends before it starts, unknown IDs and out-of-range drivers", async () => {
    const backwards = await api.query(`{ sentimentAlerts(filter: { from: "2026-08-28T00:00:00Z", to: "2026-08-27T00:00:00Z" }) { id } }`);
    expect(backwards.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.to" });
    const unknown = await api.query(`{ sentimentAlerts(filter: { accountId: "VXNlcjo5OTk5OTk=" }) { id } }`);
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: "NOT_FOUND", field: "filter.accountId" });
    for (const first of [0, -5, 51]) {
      const r = await api.query(`{ sentimentAlerts(groupBy: NONE) { id drivers(first: ${first}) { score } } }`);
      expect(r.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
    }
  });

  it("refuses a subscription to a grouping that is not checked live", async () => {
    const client = createClient({ url: api.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, lazy: false });
    try {
      const errors = await new Promise<unknown>((resolve) => {
        client.subscribe({ query: `subscription { sentimentAlertRaised(groupBy: HASHTAG) { id } }` }, { next: (msg) => resolve(msg.errors), error: resolve, complete: () => resolve(null) });
      });
      expect(JSON.stringify(errors)).toContain("expected NONE or TOPIC");
    } finally {
      await client.dispose();
    }
  });

  it("holds WebSocket operations to the HTTP rules: subscriptions only, the depth limit, coded errors", async () => {
    const client = createClient({ url: api.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, lazy: false });
    const errorsOf = (query: string) =>
      new Promise<Array<{ message: string; extensions?: Record<string, unknown> }>>((resolve) => {
        client.subscribe({ query }, { next: (msg) => resolve(msg.errors as never), error: (e) => resolve(e as never), complete: () => resolve([]) });
      });
    try {
      const query = await errorsOf(`{ posts(first: 1) { totalCount } }`);
      expect(query[0]).toMatchObject({ message: "expected a subscription over WebSocket, found a query: send queries and mutations over HTTP", extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
      const nest = (n: number): string => (n === 0 ? "id" : `author { posts { nodes { ${nest(n - 1)} } } }`);
      const deep = await errorsOf(`subscription { sentimentAlertRaised { drivers { post { ${nest(4)} } } } }`);
      expect(deep).toHaveLength(1);
      expect(deep[0]).toMatchObject({ message: expect.stringMatching(/^expected a query at most 12 fields deep, found \d+$/), extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
      const unknown = await errorsOf(`subscription { nope }`);
      expect(unknown[0].extensions).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED" });
    } finally {
      await client.dispose();
    }
  });

  it("judge every bucket on the group's whole history: a spike the day after one is in its cooldown for the query, for a query from that day, and for subscribers", async () => {
    const client = createClient({ url: api.url.replace(/^http/, "ws"), webSocketImpl: WebSocket, lazy: false });
    const pushed: Alert[] = [];
    client.subscribe<{ sentimentAlertRaised: Alert }>({ query: `subscription { sentimentAlertRaised(groupBy: NONE) { id bucket } }` }, { next: (msg) => void (msg.data && pushed.push(msg.data.sentimentAlertRaised)), error: () => undefined, complete: () => undefined });
    await new Promise((r) => setTimeout(r, 300));
    const next = spikeDay + 1;
    const bad = Array.from({ length: perDay }, (_, i) => ({ externalId: `c${next}-bad-${i}`, userHandle: `fan${i}`, platform: "INSTAGRAM", postExternalId: `p${next}`, type: "COMMENT", text: texts.negative, occurredAt: at(next, 30 + i) }));
    await api.ok(RecordInteractionsDocument, { interactions: bad } as never);
    await new Promise((r) => setTimeout(r, 1_500));
    await client.dispose();
    expect(pushed).toEqual([]);

    const q = `query($from: DateTimeISO, $cooldown: Int, $baseline: Int) { sentimentAlerts(groupBy: NONE, granularity: DAY, filter: { from: $from }, cooldownBuckets: $cooldown, baselineBuckets: $baseline) { id bucket zScore } }`;
    type Listed = { sentimentAlerts: Array<{ id: string; bucket: string; zScore: number }> };
    const all = await api.ok<Listed, unknown>(q, {});
    expect(all.sentimentAlerts.map((a) => a.bucket)).toEqual([dayStart(spikeDay)]);
    // From the second day on: still in the first one's cooldown (it used to fire here, its baseline cut at `from`).
    const fromNext = await api.ok<Listed, unknown>(q, { from: dayStart(next) });
    expect(fromNext.sentimentAlerts).toEqual([]);
    // Without a cooldown it is a spike of its own.
    const noCooldown = await api.ok<Listed, unknown>(q, { cooldown: 0 });
    expect(noCooldown.sentimentAlerts.map((a) => a.bucket)).toEqual([dayStart(next), dayStart(spikeDay)]);
    // The same bucket under another rule has other numbers, so another ID (Apollo Client caches by ID).
    const shorter = await api.ok<Listed, unknown>(q, { baseline: 10 });
    expect(shorter.sentimentAlerts[0].bucket).toBe(dayStart(spikeDay));
    expect(shorter.sentimentAlerts[0].zScore).not.toBe(all.sentimentAlerts[0].zScore);
    expect(shorter.sentimentAlerts[0].id).not.toBe(all.sentimentAlerts[0].id);
    // A range that starts in year 1 costs what its texts cost (empty buckets are not materialised).
    const early = await api.ok<Listed, unknown>(`{ sentimentAlerts(groupBy: NONE, granularity: HOUR, filter: { from: "0001-01-01T00:00:00Z" }) { bucket } }`);
    expect(Array.isArray(early.sentimentAlerts)).toBe(true);
  });
});
