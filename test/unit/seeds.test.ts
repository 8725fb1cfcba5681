import { createRng } from "../../src/ml/random";
import { rocAuc } from "../../src/ml/metrics";
import { InteractionType } from "../../src/modules/interactions/interaction.entity";
import { MediaType } from "../../src/modules/posts/post.entity";
import { Platform } from "../../src/modules/users/platform";
import { defaultDemoOptions, generateDemoData, type DemoData, type DemoInteraction, type DemoOptions } from "../../seeds/generate";
import { personaByName, personas, topTopicOf } from "../../seeds/personas";
import { topics } from "../../seeds/texts";

// A small run, big enough for the hidden structure to show: 596 people, 400 posts over 60 days.
const small: DemoOptions = { seed: 7, users: 600, posts: 400, interactions: 40_000, days: 60, endDate: new Date("2026-11-01T00:00:00Z") };
const HOUR = 3_600_000;

function take(data: DemoData, n: number): DemoInteraction[] {
  const out: DemoInteraction[] = [];
  for (const it of data.interactions()) {
    if (out.length === n) break;
    out.push(it);
  }
  return out;
}

describe("generateDemoData: determinism", () => {
  const a = generateDemoData(small);
  const b = generateDemoData(small);

  it("gives deep-equal users and posts and the same interactions for the same options", () => {
    expect(b.users).toEqual(a.users);
    expect(b.posts).toEqual(a.posts);
    expect(take(b, 1000)).toEqual(take(a, 1000));
    expect(b.truth.incident).toEqual(a.truth.incident);
    expect([...b.truth.personaOf]).toEqual([...a.truth.personaOf]);
  });

  it("replays the same stream each time interactions() is iterated", () => {
    const first = take(a, 1000);
    expect(take(a, 1000)).toEqual(first);
  });

  it("gives different data for another seed", () => {
    const c = generateDemoData({ ...small, seed: 8 });
    expect(c.users.map((u) => u.handle)).not.toEqual(a.users.map((u) => u.handle));
    expect(c.posts.map((p) => p.text)).not.toEqual(a.posts.map((p) => p.text));
    expect(take(c, 1000).map((i) => [i.userHandle, i.type, i.occurredAt.getTime()])).not.toEqual(
      take(a, 1000).map((i) => [i.userHandle, i.type, i.occurredAt.getTime()]),
    );
  });
});

describe("generateDemoData: options", () => {
  it("has the documented defaults", () => {
    expect(defaultDemoOptions).toEqual({
      seed: 42,
      users: 2000,
      posts: 1500,
      interactions: 60000,
      endDate: new Date("2026-11-01T00:00:00Z"),
      days: 180,
    });
  });

  it("refuses impossible options, saying what it found", () => {
    expect(() => generateDemoData({ users: 3 })).toThrow("expected users to be a whole number ≥ 5, found 3");
    expect(() => generateDemoData({ posts: 0, interactions: 10 })).toThrow("expected posts ≥ 1 to place 10 interactions, found 0");
    expect(() => generateDemoData({ days: 0 })).toThrow("expected days > 0, found 0");
    expect(() => generateDemoData({ interactions: 1.5 })).toThrow("expected interactions to be a whole number ≥ 0, found 1.5");
  });

  it("handles empty streams and tiny audiences", () => {
    const none = generateDemoData({ ...small, interactions: 0 });
    expect([...none.interactions()]).toHaveLength(0);
    const tiny = generateDemoData({ seed: 1, users: 9, posts: 20, interactions: 300, days: 10 });
    expect([...tiny.interactions()]).toHaveLength(300);
  });
});

describe("generateDemoData: integrity", () => {
  const data = generateDemoData(small);
  const all = [...data.interactions()];
  const end = small.endDate!.getTime();
  const start = end - small.days! * 24 * HOUR;

  it("has exactly the requested counts", () => {
    expect(data.users).toHaveLength(small.users);
    expect(data.posts).toHaveLength(small.posts);
    expect(all).toHaveLength(small.interactions);
  });

  it("has 3–5 brand accounts, one per platform, and people with valid, unique handles", () => {
    const brands = data.users.filter((u) => u.isBrand);
    expect(brands.length).toBeGreaterThanOrEqual(3);
    expect(brands.length).toBeLessThanOrEqual(5);
    expect(new Set(brands.map((b) => b.platform)).size).toBe(brands.length);
    const keys = data.users.map((u) => `${u.platform}/${u.handle}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const u of data.users) {
      expect(u.handle).toMatch(/^[a-z0-9_.-]{1,100}$/);
      expect(Number.isInteger(u.followers) && u.followers >= 0).toBe(true);
      if (u.attributes?.age !== undefined) expect(u.attributes.age).toBeGreaterThanOrEqual(13);
    }
    const people = data.users.filter((u) => !u.isBrand);
    expect(data.truth.personaOf.size).toBe(people.length);
    for (const p of people) expect(personaByName.has(data.truth.personaOf.get(p.handle)!)).toBe(true);
  });

  it("has posts by the brand on the same platform, unique ids, inside the period, with hashtags", () => {
    const brandOn = new Map(data.users.filter((u) => u.isBrand).map((u) => [u.platform, u.handle]));
    expect(new Set(data.posts.map((p) => p.externalId)).size).toBe(data.posts.length);
    for (const p of data.posts) {
      expect(brandOn.get(p.platform)).toBe(p.authorHandle);
      expect(p.publishedAt.getTime()).toBeGreaterThanOrEqual(start);
      expect(p.publishedAt.getTime()).toBeLessThan(end);
      expect(topics).toContain(p.category);
      expect(p.text).toMatch(/#\w+/);
      if (p.platform === Platform.TWITTER) expect(p.text.length).toBeLessThanOrEqual(280);
    }
    const paid = data.posts.filter((p) => p.paid).length / data.posts.length;
    expect(paid).toBeGreaterThan(0.08);
    expect(paid).toBeLessThan(0.25);
    const tiktok = data.posts.filter((p) => p.platform === Platform.TIKTOK);
    expect(tiktok.filter((p) => p.mediaType === MediaType.VIDEO).length / tiktok.length).toBeGreaterThan(0.8);
    expect(data.posts.some((p) => /@\w/.test(p.text))).toBe(true);
  });

  it("has interactions that refer to existing users and posts on the same platform, in [publishedAt, endDate]", () => {
    const users = new Set(data.users.filter((u) => !u.isBrand).map((u) => `${u.platform}/${u.handle}`));
    const posts = new Map(data.posts.map((p) => [`${p.platform}/${p.externalId}`, p]));
    const ids = new Set<string>();
    const problems: string[] = []; // collected, not asserted per record: 40,000 expects would take seconds
    let previous = 0;
    for (const it of all) {
      const fail = (what: string) => problems.length < 10 && problems.push(`${it.externalId}: ${what}`);
      ids.add(it.externalId);
      if (!users.has(`${it.platform}/${it.userHandle}`)) fail(`no person ${it.platform}/${it.userHandle}`);
      const post = posts.get(`${it.platform}/${it.postExternalId}`);
      const t = it.occurredAt.getTime();
      if (!post) fail(`no post ${it.platform}/${it.postExternalId}`);
      else if (t < post.publishedAt.getTime()) fail("before its post");
      if (t > end) fail("after endDate");
      if (t < previous) fail("out of time order");
      previous = t;
      if ((it.type === InteractionType.COMMENT) !== (typeof it.text === "string" && it.text.length > 0)) fail(`text ${JSON.stringify(it.text)} on ${it.type}`);
      if (it.type === InteractionType.CONVERSION ? !(it.value! >= 19.99 && it.value! <= 149) : it.value !== null) fail(`value ${it.value} on ${it.type}`);
    }
    expect(problems).toEqual([]);
    expect(ids.size).toBe(all.length);
  });

  it("records the true polarity of every comment, and only of comments", () => {
    const comments = all.filter((i) => i.type === InteractionType.COMMENT);
    const polarity = data.truth.commentPolarity;
    expect(polarity.size).toBe(comments.length);
    for (const c of comments) expect(["positive", "neutral", "negative"]).toContain(polarity.get(c.externalId));
    const shares = new Map<string, number>();
    for (const p of polarity.values()) shares.set(p, (shares.get(p) ?? 0) + 1);
    expect(shares.size).toBe(3);
  });
});

describe("generateDemoData: the hidden structure is really there", () => {
  const data = generateDemoData(small);
  const all = [...data.interactions()];
  const postById = new Map(data.posts.map((p) => [p.externalId, p]));
  const personaOf = data.truth.personaOf;

  it("follows a funnel: mostly views, likes > comments, clicks > conversions, conversions rare", () => {
    const count = (type: InteractionType) => all.filter((i) => i.type === type).length;
    expect(count(InteractionType.VIEW)).toBeGreaterThan(0.5 * all.length);
    expect(count(InteractionType.LIKE)).toBeGreaterThan(count(InteractionType.COMMENT));
    expect(count(InteractionType.CLICK)).toBeGreaterThan(count(InteractionType.CONVERSION));
    expect(count(InteractionType.CONVERSION)).toBeGreaterThan(0);
    expect(count(InteractionType.CONVERSION)).toBeLessThan(0.03 * all.length);
  });

  it("decays after publication: most interactions within 48 h", () => {
    const within = all.filter((i) => i.occurredAt.getTime() - postById.get(i.postExternalId)!.publishedAt.getTime() < 48 * HOUR).length;
    expect(within / all.length).toBeGreaterThan(0.8);
  });

  it("spreads interactions over posts with a heavy tail", () => {
    const perPost = new Map<string, number>();
    for (const i of all) perPost.set(i.postExternalId, (perPost.get(i.postExternalId) ?? 0) + 1);
    const counts = data.posts.map((p) => perPost.get(p.externalId) ?? 0).sort((a, b) => b - a);
    const top10 = counts.slice(0, counts.length / 10).reduce((a, b) => a + b, 0);
    expect(top10 / all.length).toBeGreaterThan(0.3);
  });

  it("engages people more per exposure when the post's topic is their persona's top interest", () => {
    const views = new Map<string, number>();
    const actions = new Map<string, number>();
    for (const i of all) {
      const key = `${i.userHandle}|${i.postExternalId}`;
      const into = i.type === InteractionType.VIEW ? views : actions;
      into.set(key, (into.get(key) ?? 0) + 1);
    }
    const rate = { match: [0, 0], other: [0, 0] };
    for (const [key, v] of views) {
      const [handle, postId] = key.split("|");
      const top = topTopicOf(personaByName.get(personaOf.get(handle)!)!);
      const bucket = top === postById.get(postId)!.category ? rate.match : rate.other;
      bucket[0] += actions.get(key) ?? 0;
      bucket[1] += v;
    }
    expect(rate.match[1]).toBeGreaterThan(1000);
    expect(rate.other[1]).toBeGreaterThan(1000);
    expect(rate.match[0] / rate.match[1]).toBeGreaterThan(1.5 * (rate.other[0] / rate.other[1]));
  });

  it("spikes negative comments on the incident topic inside the incident window, several-fold", () => {
    const { incident } = data.truth;
    expect(topics).toContain(incident.topic);
    expect(incident.end.getTime() - incident.start.getTime()).toBe(5 * 24 * HOUR);
    const share = { inside: [0, 0], outside: [0, 0] };
    for (const i of all) {
      if (i.type !== InteractionType.COMMENT) continue;
      const inWindow = i.occurredAt >= incident.start && i.occurredAt < incident.end;
      const bucket = inWindow && postById.get(i.postExternalId)!.category === incident.topic ? share.inside : inWindow ? null : share.outside;
      if (!bucket) continue;
      bucket[0] += data.truth.commentPolarity.get(i.externalId) === "negative" ? 1 : 0;
      bucket[1] += 1;
    }
    expect(share.inside[1]).toBeGreaterThanOrEqual(20);
    expect(share.inside[0] / share.inside[1]).toBeGreaterThan(3 * (share.outside[0] / share.outside[1]));
  });

  describe("personas differ in behaviour", () => {
    type Mix = Record<InteractionType, number> & { total: number; evening: number; morning: number; fresh: number; negative: number; comments: number };
    const mix = new Map<string, Mix>();
    for (const p of personas) {
      mix.set(p.name, { VIEW: 0, LIKE: 0, COMMENT: 0, SHARE: 0, CLICK: 0, CONVERSION: 0, total: 0, evening: 0, morning: 0, fresh: 0, negative: 0, comments: 0 });
    }
    for (const i of all) {
      const m = mix.get(personaOf.get(i.userHandle)!)!;
      m[i.type]++;
      m.total++;
      const h = i.occurredAt.getUTCHours();
      if (h >= 18 && h < 23) m.evening++;
      if (h >= 6 && h < 14) m.morning++;
      if (i.occurredAt.getTime() - postById.get(i.postExternalId)!.publishedAt.getTime() < 6 * HOUR) m.fresh++;
      if (i.type === InteractionType.COMMENT) {
        m.comments++;
        if (data.truth.commentPolarity.get(i.externalId) === "negative") m.negative++;
      }
    }
    const share = (name: string, key: keyof Mix) => mix.get(name)![key] / mix.get(name)!.total;
    const argmax = (f: (name: string) => number) => personas.map((p) => p.name).reduce((a, b) => (f(b) > f(a) ? b : a));

    it("every persona shows up", () => {
      for (const p of personas) expect(mix.get(p.name)!.total).toBeGreaterThan(500);
    });
    it("silent lurkers mostly view", () => {
      expect(argmax((n) => share(n, InteractionType.VIEW))).toBe("silent-lurkers");
      expect(share("silent-lurkers", InteractionType.VIEW)).toBeGreaterThan(0.85);
    });
    it("weekend deal hunters convert most", () => expect(argmax((n) => share(n, InteractionType.CONVERSION))).toBe("weekend-deal-hunters"));
    it("loyal commenters and critics comment most", () => {
      const byComments = personas.map((p) => p.name).sort((a, b) => share(b, InteractionType.COMMENT) - share(a, InteractionType.COMMENT));
      expect(byComments.slice(0, 2).sort()).toEqual(["critics", "loyal-commenters"]);
    });
    it("critics write the most negative comments", () => {
      expect(argmax((n) => mix.get(n)!.negative / mix.get(n)!.comments)).toBe("critics");
    });
    it("evening video sharers share most and are active in the evening; loyal commenters in the morning", () => {
      expect(argmax((n) => share(n, InteractionType.SHARE))).toBe("evening-video-fitness");
      expect(share("evening-video-fitness", "evening")).toBeGreaterThan(0.5);
      expect(share("loyal-commenters", "morning")).toBeGreaterThan(0.5);
    });
    it("early adopters jump on fresh posts", () => expect(argmax((n) => share(n, "fresh"))).toBe("early-adopters"));
  });

  it("lets k-means on behaviour alone recover the personas (purity > 0.8)", () => {
    // Per person: topic mix, hour mix (6 × 4 h), action mix, weekend share; standardised.
    const rows = new Map<string, Float64Array>();
    const types = Object.values(InteractionType);
    for (const i of all) {
      let r = rows.get(i.userHandle);
      if (!r) rows.set(i.userHandle, (r = new Float64Array(10 + 6 + 6 + 2)));
      r[topics.indexOf(postById.get(i.postExternalId)!.category as (typeof topics)[number])]++;
      r[10 + Math.floor(i.occurredAt.getUTCHours() / 4)]++;
      r[16 + types.indexOf(i.type)]++;
      const day = i.occurredAt.getUTCDay();
      if (day === 0 || day === 6) r[22]++;
      r[23]++;
    }
    const handles = [...rows.keys()].filter((h) => rows.get(h)![23] >= 5);
    const X = handles.map((h) => {
      const r = rows.get(h)!;
      return Array.from(r.subarray(0, 23), (v) => v / r[23]);
    });
    const k = personas.length;
    const assign = kmeans(standardise(X), k, 3);
    const counts = new Map<string, number>();
    handles.forEach((h, n) => counts.set(`${assign[n]}|${personaOf.get(h)}`, (counts.get(`${assign[n]}|${personaOf.get(h)}`) ?? 0) + 1));
    let pure = 0;
    for (let c = 0; c < k; c++) pure += Math.max(0, ...personas.map((p) => counts.get(`${c}|${p.name}`) ?? 0));
    expect(handles.length).toBeGreaterThan(400);
    expect(pure / handles.length).toBeGreaterThan(0.8);
  });

  it("makes a person's conversions predictable from their click share (ROC-AUC > 0.7)", () => {
    const stats = new Map<string, { clicks: number; total: number; converted: number }>();
    for (const i of all) {
      const s = stats.get(i.userHandle) ?? { clicks: 0, total: 0, converted: 0 };
      s.total++;
      if (i.type === InteractionType.CLICK) s.clicks++;
      if (i.type === InteractionType.CONVERSION) s.converted = 1;
      stats.set(i.userHandle, s);
    }
    const people = [...stats.values()].filter((s) => s.total >= 5);
    expect(rocAuc(people.map((s) => s.converted), people.map((s) => s.clicks / s.total))).toBeGreaterThan(0.7);
  });
});

function standardise(X: number[][]): number[][] {
  const d = X[0].length;
  const mean = new Array<number>(d).fill(0);
  const sd = new Array<number>(d).fill(0);
  for (const x of X) x.forEach((v, j) => (mean[j] += v / X.length));
  for (const x of X) x.forEach((v, j) => (sd[j] += (v - mean[j]) ** 2 / X.length));
  return X.map((x) => x.map((v, j) => (sd[j] > 0 ? (v - mean[j]) / Math.sqrt(sd[j]) : 0)));
}

/** Plain k-means with k-means++ seeding; the best of `restarts` runs by within-cluster sum of squares. */
function kmeans(X: number[][], k: number, restarts: number): number[] {
  const dist = (a: number[], b: number[]) => a.reduce((s, v, j) => s + (v - b[j]) ** 2, 0);
  let best: { assign: number[]; sse: number } | undefined;
  for (let r = 0; r < restarts; r++) {
    const rng = createRng(`kmeans-${r}`);
    const centres = [X[rng.int(X.length)].slice()];
    while (centres.length < k) {
      const d = X.map((x) => Math.min(...centres.map((c) => dist(x, c))));
      let u = rng.next() * d.reduce((a, b) => a + b, 0);
      let n = 0;
      while (n < X.length - 1 && (u -= d[n]) >= 0) n++;
      centres.push(X[n].slice());
    }
    const assign = new Array<number>(X.length).fill(0);
    let sse = 0;
    for (let iteration = 0; iteration < 30; iteration++) {
      sse = 0;
      X.forEach((x, n) => {
        let c = 0;
        for (let j = 1; j < k; j++) if (dist(x, centres[j]) < dist(x, centres[c])) c = j;
        assign[n] = c;
        sse += dist(x, centres[c]);
      });
      for (let c = 0; c < k; c++) {
        const members = X.filter((_, n) => assign[n] === c);
        if (members.length) centres[c] = members[0].map((_, j) => members.reduce((s, m) => s + m[j], 0) / members.length);
      }
    }
    if (!best || sse < best.sse) best = { assign: assign.slice(), sse };
  }
  return best!.assign;
}
