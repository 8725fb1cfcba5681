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
});
