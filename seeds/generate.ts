import { createRng, type Rng } from "../src/ml/random";
import { InteractionType } from "../src/modules/interactions/interaction.entity";
import { MediaType } from "../src/modules/posts/post.entity";
import { Platform } from "../src/modules/users/platform";
import { personas, type Persona } from "./personas";
import {
  brandName,
  cities,
  commentText,
  displayEmoji,
  firstNames,
  handleWords,
  incidentPostText,
  incidentScenarios,
  languagesOf,
  lastNames,
  postText,
  topicWording,
  topics,
  type IncidentScenario,
  type Polarity,
  type Topic,
} from "./texts";

/**
 * The deterministic demo data: a lifestyle brand on four platforms, its posts, and an audience drawn
 * from hidden personas (seeds/personas.ts) whose interactions follow interest, active hours, media
 * taste, a funnel and a time decay, plus a planted negative-sentiment incident. One seed drives every
 * choice; `truth` holds what the generator hid so tests can check that features recover it.
 *
 * Users and posts are arrays; interactions are streamed in time order from a generator that can be
 * iterated again (each pass replays the same seeded stream), so a million never sit in memory at once.
 */

export interface DemoOptions {
  seed: number;
  users: number;
  posts: number;
  interactions: number;
  /** Default: 2026-11-01T00:00:00Z. */
  endDate?: Date;
  /** Days of history ending at endDate. Default: 180. */
  days?: number;
}

export const defaultDemoOptions: DemoOptions = {
  seed: 42,
  users: 2000,
  posts: 1500,
  interactions: 60000,
  endDate: new Date("2026-11-01T00:00:00Z"),
  days: 180,
};

export interface DemoUser {
  platform: Platform;
  handle: string;
  displayName: string;
  followers: number;
  isBrand: boolean;
  attributes: { age?: number; gender?: string; job?: string; location?: string; country?: string; language?: string } | null;
}

export interface DemoPost {
  platform: Platform;
  externalId: string;
  authorHandle: string;
  text: string;
  mediaType: MediaType;
  category: string;
  paid: boolean;
  publishedAt: Date;
}

export interface DemoInteraction {
  externalId: string;
  platform: Platform;
  userHandle: string;
  postExternalId: string;
  type: InteractionType;
  value: number | null;
  text: string | null;
  occurredAt: Date;
}

export interface DemoTruth {
  /** Person handle → persona name (handles are unique across platforms; brands are absent). */
  personaOf: Map<string, string>;
  /** Interaction externalId → the polarity the comment was worded with. Filled by one silent pass on first read. */
  commentPolarity: Map<string, "positive" | "neutral" | "negative">;
  /** The negative-sentiment spike the generator planted. */
  incident: { start: Date; end: Date; topic: string; description: string };
}

export interface DemoData {
  users: DemoUser[];
  posts: DemoPost[];
  interactions(): Iterable<DemoInteraction>;
  truth: DemoTruth;
}

// ---- Constants ----------------------------------------------------------------------------------------

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const T = topics.length;
const mediaList = [MediaType.TEXT, MediaType.PHOTO, MediaType.VIDEO, MediaType.LINK, MediaType.STATUS] as const;
const M = mediaList.length;
const VIDEO = 2;
const LINK = 3;
const DEALS = topics.indexOf("deals");
/** Fresh: interactions within this long after publication pass an early adopter's filter unchanged. */
const FRESH = 6 * HOUR;

/** One brand account and its content strategy on a platform. */
interface Channel {
  platform: Platform;
  code: string;
  handle: string;
  followers: number;
  /** Share of the brand's posts. */
  postShare: number;
  /** Weights per media type, in `mediaList` order. */
  media: number[];
  /** Weights per topic, in `topics` order. */
  topics: number[];
  /** Multiplier on the engagement delay (below 1: faster feed). */
  decay: number;
}

const channels: readonly Channel[] = [
  {
    platform: Platform.INSTAGRAM, code: "ig", handle: "kestrelactive", followers: 185_000, postShare: 0.32,
    media: [0, 0.55, 0.38, 0, 0.07], topics: [1.4, 1, 1.2, 0.9, 1.2, 1.2, 1.5, 0.6, 0.7, 0.8], decay: 1,
  },
  {
    platform: Platform.FACEBOOK, code: "fb", handle: "kestrel.active", followers: 96_000, postShare: 0.22,
    media: [0.05, 0.35, 0.2, 0.25, 0.15], topics: [1, 0.9, 0.8, 1.1, 1.2, 1.1, 0.9, 0.7, 1, 1.4], decay: 1.3,
  },
  {
    platform: Platform.TWITTER, code: "tw", handle: "kestrel_active", followers: 42_000, postShare: 0.28,
    media: [0.4, 0.25, 0.1, 0.2, 0.05], topics: [0.8, 1, 0.5, 0.9, 0.7, 0.7, 0.6, 1.6, 1.3, 1], decay: 0.6,
  },
  {
    platform: Platform.TIKTOK, code: "tt", handle: "kestrelactive", followers: 262_000, postShare: 0.18,
    media: [0, 0.05, 0.95, 0, 0], topics: [1.8, 1.2, 1, 0.8, 0.9, 0.9, 1.3, 0.8, 0.5, 0.7], decay: 0.9,
  },
];

/** The brand's posting schedule by UTC hour: business hours with lunchtime and early-evening slots. */
const postingHours = [0, 0, 0, 0, 0, 0, 0.2, 0.6, 1, 1.3, 1, 0.9, 1.4, 1, 0.9, 1.2, 1, 0.8, 0.9, 1, 0.8, 0.4, 0.1, 0];
/** Engagement per exposure-weighted post, by media type (`mediaList` order). */
const mediaEngagement = [0.7, 1.1, 1.5, 0.75, 0.6];
const topicAppeal = [1.2, 1, 0.9, 0.85, 1, 0.95, 1.1, 1, 0.8, 1.15];
const paidRate = (topic: number) => (topic === DEALS ? 0.3 : topics[topic] === "tech" || topics[topic] === "fashion" ? 0.17 : 0.11);
const incidentNegativeOdds = 20;
const incidentCommentBoost = 3;
const mixtureRate = 0.1;

// ---- Options ----------------------------------------------------------------------------------------

type ResolvedOptions = Required<DemoOptions>;

function resolveOptions(options: Partial<DemoOptions>): ResolvedOptions {
  const o: ResolvedOptions = {
    seed: options.seed ?? defaultDemoOptions.seed,
    users: options.users ?? defaultDemoOptions.users,
    posts: options.posts ?? defaultDemoOptions.posts,
    interactions: options.interactions ?? defaultDemoOptions.interactions,
    endDate: new Date((options.endDate ?? defaultDemoOptions.endDate!).getTime()),
    days: options.days ?? defaultDemoOptions.days!,
  };
  const whole = (name: "users" | "posts" | "interactions", min: number) => {
    if (!Number.isInteger(o[name]) || o[name] < min) throw new RangeError(`generateDemoData: expected ${name} to be a whole number ≥ ${min}, found ${o[name]}`);
  };
  if (!Number.isFinite(o.seed)) throw new RangeError(`generateDemoData: expected a finite seed, found ${o.seed}`);
  whole("users", channels.length + 1);
  whole("posts", 0);
  whole("interactions", 0);
  if (!(o.days > 0)) throw new RangeError(`generateDemoData: expected days > 0, found ${o.days}`);
  if (Number.isNaN(o.endDate.getTime())) throw new RangeError("generateDemoData: expected endDate to be a valid date, found Invalid Date");
  if (o.interactions > 0 && o.posts === 0) throw new RangeError(`generateDemoData: expected posts ≥ 1 to place ${o.interactions} interactions, found 0`);
  return o;
}

// ---- Random helpers ---------------------------------------------------------------------------------

function normal(rng: Rng): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** Gamma(shape, 1), Marsaglia–Tsang; shapes below 1 via the U^(1/shape) boost. */
function gamma(rng: Rng, shape: number): number {
  if (shape < 1) return gamma(rng, shape + 1) * Math.pow(1 - rng.next(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rng);
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = 1 - rng.next();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

function weightedIndex(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let u = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  return weights.length - 1;
}

function weightedKey<K extends string>(rng: Rng, weights: Partial<Record<K, number>>): K {
  const entries = Object.entries(weights) as Array<[K, number]>;
  return entries[weightedIndex(rng, entries.map((e) => e[1]))][0];
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.int(items.length)];
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const hourOf = (t: number) => Math.floor(t / HOUR) % 24;
/** 0 = Sunday (1970-01-01 was a Thursday). */
const weekdayOf = (t: number) => (Math.floor(t / DAY) + 4) % 7;

// ---- People -----------------------------------------------------------------------------------------

/** The audience, one column per trait (struct of arrays: the interaction loop reads them millions of times). */
interface People {
  count: number;
  handles: string[];
  channel: Uint8Array;
  persona: Uint8Array;
  /** count × T: interest in a topic relative to the person's top interest, in [0, 1]. */
  match: Float32Array;
  /** count × T: interest mix (sums to 1). */
  interest: Float32Array;
  /** count × 24: activity by UTC hour, max 1. */
  hourActivity: Float32Array;
  /** count × 7: activity by weekday, max 1. */
  dayActivity: Float32Array;
  /** count × M: media preference, mean about 1. */
  media: Float32Array;
  like: Float32Array;
  click: Float32Array;
  comment: Float32Array;
  share: Float32Array;
  convert: Float32Array;
  positive: Float32Array;
  negative: Float32Array;
  activity: Float32Array;
  lateness: Float32Array;
  /** Person indices per channel. */
  byChannel: Int32Array[];
}

function personaHours(p: Persona, shift: number, out: Float64Array, weight: number): void {
  for (let h = 0; h < 24; h++) {
    let a = p.hours.floor;
    for (const peak of p.hours.peaks) {
      let d = Math.abs(h - (peak.hour + shift)) % 24;
      if (d > 12) d = 24 - d;
      a += peak.weight * Math.exp((-d * d) / (2 * peak.width * peak.width));
    }
    out[h] += weight * a;
  }
}

function makePeople(rng: Rng, count: number, taken: Set<string>): { people: People; users: DemoUser[]; personaOf: Map<string, string> } {
  const people: People = {
    count,
    handles: new Array<string>(count),
    channel: new Uint8Array(count),
    persona: new Uint8Array(count),
    match: new Float32Array(count * T),
    interest: new Float32Array(count * T),
    hourActivity: new Float32Array(count * 24),
    dayActivity: new Float32Array(count * 7),
    media: new Float32Array(count * M),
    like: new Float32Array(count),
    click: new Float32Array(count),
    comment: new Float32Array(count),
    share: new Float32Array(count),
    convert: new Float32Array(count),
    positive: new Float32Array(count),
    negative: new Float32Array(count),
    activity: new Float32Array(count),
    lateness: new Float32Array(count),
    byChannel: [],
  };
  const users: DemoUser[] = [];
  const personaOf = new Map<string, string>();
  const shares = personas.map((p) => p.share);
  const hours = new Float64Array(24);
  const mean = new Float64Array(T);
  const clamp = (x: number, hi = 0.95) => Math.min(hi, Math.max(0, x));

  for (let i = 0; i < count; i++) {
    const pi = weightedIndex(rng, shares);
    const primary = personas[pi];
    // About one person in ten is a blend of two personas (30–45% of the second).
    let secondary = primary;
    let mix = 0;
    if (rng.next() < mixtureRate) {
      secondary = personas[(pi + 1 + rng.int(personas.length - 1)) % personas.length];
      mix = 0.3 + 0.15 * rng.next();
    }
    const blend = (a: number, b: number) => (1 - mix) * a + mix * b;
    people.persona[i] = pi;

    // The first people cover every platform once, so each brand account has an audience.
    let ch = i;
    if (i >= channels.length) {
      const platform = weightedKey(rng, primary.platforms);
      ch = channels.findIndex((c) => c.platform === platform);
    }
    people.channel[i] = ch;

    // Interests: Dirichlet around the (blended) persona mix.
    let sum = 0;
    for (let k = 0; k < T; k++) {
      mean[k] = blend(primary.interests[topics[k]] ?? 0, secondary.interests[topics[k]] ?? 0) + 0.01;
      sum += mean[k];
    }
    const concentration = blend(primary.concentration, secondary.concentration);
    let total = 0;
    let top = 0;
    for (let k = 0; k < T; k++) {
      const g = gamma(rng, (concentration * mean[k]) / sum);
      people.interest[i * T + k] = g;
      total += g;
    }
    for (let k = 0; k < T; k++) {
      const v = people.interest[i * T + k] / total;
      people.interest[i * T + k] = v;
      if (v > top) top = v;
    }
    for (let k = 0; k < T; k++) people.match[i * T + k] = people.interest[i * T + k] / top;

    // Active hours: the persona's peaks shifted by up to an hour or so per person.
    hours.fill(0);
    const shift = 0.8 * normal(rng);
    personaHours(primary, shift, hours, 1 - mix);
    if (mix > 0) personaHours(secondary, shift, hours, mix);
    let peak = 0;
    for (let h = 0; h < 24; h++) peak = Math.max(peak, hours[h]);
    for (let h = 0; h < 24; h++) people.hourActivity[i * 24 + h] = hours[h] / peak;
    const weekend = blend(primary.weekend, secondary.weekend) * Math.exp(0.15 * normal(rng));
    const dayPeak = Math.max(1, weekend);
    for (let d = 0; d < 7; d++) people.dayActivity[i * 7 + d] = (d === 0 || d === 6 ? weekend : 1) / dayPeak;

    for (let m = 0; m < M; m++) people.media[i * M + m] = blend(primary.media[mediaList[m]], secondary.media[mediaList[m]]) * Math.exp(0.2 * normal(rng));
    const jitter = () => Math.exp(0.3 * normal(rng));
    people.like[i] = clamp(blend(primary.propensity.like, secondary.propensity.like) * jitter());
    people.click[i] = clamp(blend(primary.propensity.click, secondary.propensity.click) * jitter());
    people.comment[i] = clamp(blend(primary.propensity.comment, secondary.propensity.comment) * jitter());
    people.share[i] = clamp(blend(primary.propensity.share, secondary.propensity.share) * jitter());
    people.convert[i] = clamp(blend(primary.propensity.convert, secondary.propensity.convert) * jitter());
    people.negative[i] = clamp(blend(primary.sentiment.negative, secondary.sentiment.negative) * jitter(), 0.8);
    people.positive[i] = Math.min(1 - people.negative[i], blend(primary.sentiment.positive, secondary.sentiment.positive) * Math.exp(0.1 * normal(rng)));
    people.activity[i] = blend(primary.activity, secondary.activity) * Math.exp(0.7 * normal(rng));
    people.lateness[i] = blend(primary.lateness, secondary.lateness);

    const user = makeUser(rng, primary, channels[ch].platform, i, taken);
    people.handles[i] = user.handle;
    users.push(user);
    personaOf.set(user.handle, primary.name);
  }
  people.byChannel = channels.map((_, ch) => {
    const members: number[] = [];
    for (let i = 0; i < count; i++) if (people.channel[i] === ch) members.push(i);
    return Int32Array.from(members);
  });
  return { people, users, personaOf };
}

function makeUser(rng: Rng, persona: Persona, platform: Platform, index: number, taken: Set<string>): DemoUser {
  const first = pick(rng, firstNames);
  const last = pick(rng, lastNames);
  const topTopic = (Object.entries(persona.interests) as Array<[Topic, number]>).sort((a, b) => b[1] - a[1])[rng.int(2)][0];
  const word = pick(rng, handleWords[topTopic]);
  const patterns = [
    () => `${first}.${last}`,
    () => `${first}_${last}`,
    () => `${first}${last}${10 + rng.int(90)}`,
    () => `${first}.${word}`,
    () => `${word}.with.${first}`,
    () => `${first}${last.charAt(0)}${rng.int(100)}`,
    () => `the${first}${last}`,
    () => `${first}_${word}${rng.int(10)}`,
  ];
  const base = pick(rng, patterns)();
  let handle = base;
  for (let attempt = 0; taken.has(handle); attempt++) handle = attempt < 5 ? `${base}${rng.int(1000)}` : `${base}${index}${attempt}`;
  taken.add(handle);

  const u = rng.next();
  let displayName = u < 0.15 ? `${capitalise(first)} ${last.charAt(0).toUpperCase()}.` : `${capitalise(first)} ${capitalise(last)}`;
  if (rng.next() < 0.1) displayName += ` ${pick(rng, displayEmoji)}`;

  const { median, sigma, influencerRate } = persona.followers;
  const followers = rng.next() < influencerRate ? Math.round(10_000 * Math.pow(80, rng.next())) : Math.round(median * Math.exp(sigma * normal(rng)));

  const crm = persona.crm;
  let attributes: DemoUser["attributes"] = null;
  if (rng.next() >= (crm.completeness < 0.5 ? 0.25 : 0.08)) {
    const a: NonNullable<DemoUser["attributes"]> = {};
    const known = () => rng.next() < crm.completeness;
    if (known()) a.age = Math.max(13, crm.age[0] + Math.floor((rng.next() + rng.next()) * 0.5 * (crm.age[1] - crm.age[0] + 1)));
    if (known()) a.gender = weightedKey(rng, crm.gender);
    if (known()) a.job = pick(rng, crm.jobs);
    const country = weightedKey(rng, crm.countries);
    if (known()) a.location = pick(rng, cities[country]);
    if (known()) a.country = country;
    if (known()) a.language = weightedKey(rng, Object.fromEntries(languagesOf[country]));
    attributes = a;
  }
  return { platform, handle, displayName, followers, isBrand: false, attributes };
}

// ---- Posts ------------------------------------------------------------------------------------------

interface PostModel {
  t: number;
  channel: number;
  topic: number;
  media: number;
  paid: boolean;
  /** Heavy-tailed appeal (log-normal, a few viral posts). */
  quality: number;
  /** Multiplier on the odds of a negative comment (a few controversial posts, a few loved ones). */
  reception: number;
  externalId: string;
}

interface Incident {
  start: number;
  end: number;
  topic: number;
  scenario: IncidentScenario;
}

function planIncident(rng: Rng, start: number, end: number): Incident {
  const scenario = pick(rng, incidentScenarios);
  const span = end - start;
  const length = Math.min(5 * DAY, span / 2);
  const from = start + (0.5 + 0.3 * rng.next()) * (span - length);
  const at = Math.floor(from / HOUR) * HOUR;
  return { start: at, end: at + length, topic: topics.indexOf(scenario.topic), scenario };
}

function publishTime(rng: Rng, start: number, end: number): number {
  const latest = end - 30 * MINUTE;
  const firstDay = Math.floor(start / DAY);
  const days = Math.floor(latest / DAY) - firstDay + 1;
  for (let attempt = 0; attempt < 50; attempt++) {
    const day = firstDay + rng.int(days);
    const dow = (day + 4) % 7;
    if ((dow === 0 || dow === 6) && rng.next() < 0.5) continue;
    const t = day * DAY + weightedIndex(rng, postingHours) * HOUR + rng.int(60) * MINUTE;
    if (t >= start && t <= latest) return t;
  }
  return Math.floor((start + rng.next() * Math.max(0, latest - start)) / MINUTE) * MINUTE;
}

function makePosts(rng: Rng, count: number, seed: number, incident: Incident, start: number, end: number): { models: PostModel[]; posts: DemoPost[] } {
  const shares = channels.map((c) => c.postShare);
  const drafts: Array<PostModel & { text: string }> = [];
  for (let i = 0; i < count; i++) {
    const ch = weightedIndex(rng, shares);
    const channel = channels[ch];
    const t = publishTime(rng, start, end);
    const inWindow = t >= incident.start && t < incident.end;
    // During the incident the brand posts more on its topic (updates, apologies).
    const topic = weightedIndex(rng, inWindow ? channel.topics.map((w, k) => (k === incident.topic ? w * 4 : w)) : channel.topics);
    const media = weightedIndex(rng, channel.media);
    const paid = rng.next() < paidRate(topic);
    const quality = Math.exp(0.8 * normal(rng)) * (rng.next() < 0.03 ? 4 : 1) * (inWindow && topic === incident.topic ? 1.5 : 1);
    const r = rng.next();
    const reception = r < 0.1 ? 2.5 : r < 0.15 ? 0.5 : 1;
    const publishedAt = new Date(t);
    const text =
      inWindow && topic === incident.topic && rng.next() < 0.5
        ? incidentPostText(rng, incident.scenario, publishedAt)
        : postText(rng, { platform: channel.platform, topic: topics[topic], mediaType: mediaList[media], publishedAt, paid });
    drafts.push({ t, channel: ch, topic, media, paid, quality, reception, externalId: "", text });
  }
  drafts.sort((a, b) => a.t - b.t);
  const models: PostModel[] = [];
  const posts: DemoPost[] = [];
  drafts.forEach((d, k) => {
    const channel = channels[d.channel];
    const externalId = `${channel.code}-${seed}-${String(k + 1).padStart(6, "0")}`;
    const { text, ...model } = d;
    models.push({ ...model, externalId });
    posts.push({
      platform: channel.platform,
      externalId,
      authorHandle: channel.handle,
      text,
      mediaType: mediaList[d.media],
      category: topics[d.topic],
      paid: d.paid,
      publishedAt: new Date(d.t),
    });
  });
  return { models, posts };
}

// ---- Engagement model -------------------------------------------------------------------------------

/** Delay after publication: mostly hours, a long tail of days (about 90% within 48 h at decay 1). */
function sampleDelay(rng: Rng, decay: number): number {
  const u = rng.next();
  const e = -Math.log(1 - rng.next());
  if (u < 0.55) return e * 2.5 * HOUR * decay;
  if (u < 0.85) return e * 14 * HOUR * decay;
  if (u < 0.97) return e * 60 * HOUR * decay;
  return rng.next() * 30 * DAY;
}

/** Share of the delay distribution that fits in `available` ms (posts near endDate get less engagement). */
function delayMassWithin(available: number, decay: number): number {
  const exp = (mean: number) => 1 - Math.exp(-available / (mean * decay));
  return 0.55 * exp(2.5 * HOUR) + 0.3 * exp(14 * HOUR) + 0.12 * exp(60 * HOUR) + 0.03 * Math.min(1, available / (30 * DAY));
}

/** Everything the interaction stream reads; built once per data set, shared by every pass. */
class EngagementModel {
  /** channel × 24: how active the channel's audience is by hour, max 1. */
  readonly audience: Float64Array;
  private readonly tables = new Map<number, Float64Array>();

  constructor(
    readonly people: People,
    readonly posts: PostModel[],
    readonly incident: Incident,
    readonly end: number,
  ) {
    this.audience = new Float64Array(channels.length * 24);
    for (let ch = 0; ch < channels.length; ch++) {
      let peak = 0;
      for (const i of people.byChannel[ch]) {
        for (let h = 0; h < 24; h++) this.audience[ch * 24 + h] += people.activity[i] * people.hourActivity[i * 24 + h];
      }
      for (let h = 0; h < 24; h++) peak = Math.max(peak, this.audience[ch * 24 + h]);
      for (let h = 0; h < 24; h++) this.audience[ch * 24 + h] = peak > 0 ? this.audience[ch * 24 + h] / peak : 1;
    }
  }

  /**
   * Cumulative selection weights over a channel's people for posts of a topic and media type
   * (topic −1: the broad, topic-blind audience that paid and algorithmic reach adds).
   */
  table(ch: number, topic: number, media: number): Float64Array {
    const key = (ch * (T + 1) + topic + 1) * M + media;
    let cum = this.tables.get(key);
    if (!cum) {
      const { people } = this;
      const members = people.byChannel[ch];
      cum = new Float64Array(members.length);
      let total = 0;
      for (let k = 0; k < members.length; k++) {
        const i = members[k];
        const interest = topic < 0 ? 0.1 : people.interest[i * T + topic] + 0.01;
        total += people.activity[i] * interest * people.media[i * M + media];
        cum[k] = total;
      }
      this.tables.set(key, cum);
    }
    return cum;
  }

  /** Interactions per post: heavy-tailed, driven by post features; exactly `total` in all (largest remainder). */
  quotas(total: number): Int32Array {
    const { posts, people } = this;
    const weights = new Float64Array(posts.length);
    const topicAudience = new Float64Array(channels.length * T);
    for (let i = 0; i < people.count; i++) {
      for (let k = 0; k < T; k++) topicAudience[people.channel[i] * T + k] += people.activity[i] * people.interest[i * T + k];
    }
    const meanAudience = topicAudience.reduce((a, b) => a + b, 0) / topicAudience.length;
    let sum = 0;
    posts.forEach((p, j) => {
      if (people.byChannel[p.channel].length === 0) return;
      const channel = channels[p.channel];
      const weekend = weekdayOf(p.t) === 0 || weekdayOf(p.t) === 6;
      const w =
        p.quality *
        mediaEngagement[p.media] *
        topicAppeal[p.topic] *
        Math.pow(channel.followers / 100_000, 0.4) *
        Math.pow(0.15 + this.audience[p.channel * 24 + hourOf(p.t)], 0.7) *
        Math.sqrt(topicAudience[p.channel * T + p.topic] / meanAudience + 0.05) *
        (weekend ? 1.15 : 1) *
        (p.paid ? 1.8 : 1) *
        delayMassWithin(this.end - p.t, channel.decay);
      weights[j] = w;
      sum += w;
    });
    const quotas = new Int32Array(posts.length);
    if (total === 0) return quotas;
    if (sum === 0) throw new RangeError(`generateDemoData: expected people on the platforms of the posts to place ${total} interactions, found none`);
    const remainders: Array<[number, number]> = [];
    let assigned = 0;
    for (let j = 0; j < posts.length; j++) {
      const exact = (total * weights[j]) / sum;
      quotas[j] = Math.floor(exact);
      assigned += quotas[j];
      if (weights[j] > 0) remainders.push([exact - quotas[j], j]);
    }
    remainders.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    for (let r = 0; assigned < total; r = (r + 1) % remainders.length, assigned++) quotas[remainders[r][1]]++;
    return quotas;
  }
}

/** One interaction before it gets its public shape (ordered by time, then creation). */
class Rec {
  constructor(
    public t: number,
    public seq: number,
    public person: number,
    public post: number,
    public type: InteractionType,
    public value: number | null,
    public text: string | null,
    public polarity: Polarity | null,
  ) {}
}

/** A binary min-heap of records by (t, seq). */
class RecHeap {
  private items: Rec[] = [];
  get size(): number {
    return this.items.length;
  }
  peek(): Rec {
    return this.items[0];
  }
  push(r: Rec): void {
    const a = this.items;
    a.push(r);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(r, a[parent])) break;
      a[i] = a[parent];
      i = parent;
    }
    a[i] = r;
  }
  pop(): Rec {
    const a = this.items;
    const top = a[0];
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const c = l + 1 < a.length && before(a[l + 1], a[l]) ? l + 1 : l;
        if (!before(a[c], last)) break;
        a[i] = a[c];
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

const before = (x: Rec, y: Rec) => x.t < y.t || (x.t === y.t && x.seq < y.seq);

/**
 * The interaction stream in time order. Posts are simulated in publication order and their
 * interactions wait in a heap until no later post can produce an earlier one; so the heap only holds
 * the still-open tails of recent posts.
 */
function* simulate(model: EngagementModel, quotas: Int32Array, rng: Rng): Generator<Rec> {
  const { people, posts, incident, end } = model;
  const heap = new RecHeap();
  const likedPost = new Int32Array(people.count).fill(-1);
  const sharedPost = new Int32Array(people.count).fill(-1);
  let seq = 0;

  for (let p = 0; p < posts.length; p++) {
    const post = posts[p];
    while (heap.size > 0 && heap.peek().t < post.t) yield heap.pop();
    let remaining = quotas[p];
    if (remaining === 0) continue;
    const channel = channels[post.channel];
    const members = people.byChannel[post.channel];
    const topicTable = model.table(post.channel, post.topic, post.media);
    const broadTable = model.table(post.channel, -1, post.media);
    const broadRate = post.paid ? 0.35 : 0.08;
    const available = end - post.t;
    const emit = (t: number, person: number, type: InteractionType, value: number | null, text: string | null, polarity: Polarity | null) => {
      heap.push(new Rec(Math.min(end, t), seq++, person, p, type, value, text, polarity));
      remaining--;
    };

    while (remaining > 0) {
      // 1. When: a delay after publication, thinned by how active the platform's audience is at that hour.
      let t = -1;
      for (let attempt = 0; attempt < 30 && t < 0; attempt++) {
        const d = sampleDelay(rng, channel.decay);
        if (d >= available) continue;
        const candidate = post.t + d;
        if (rng.next() < model.audience[post.channel * 24 + hourOf(candidate)]) t = candidate;
      }
      if (t < 0) t = post.t + rng.next() * available;
      t = Math.min(end, post.t + Math.max(1000, Math.floor((t - post.t) / 1000) * 1000));
      const hour = hourOf(t);
      const weekday = weekdayOf(t);
      const late = t - post.t > FRESH;

      // 2. Who: drawn by interest × activity × media taste, kept with the chance they are online then.
      const table = rng.next() < broadRate ? broadTable : topicTable;
      const totalWeight = table[table.length - 1];
      let person = 0;
      for (let attempt = 0; attempt < 40; attempt++) {
        const u = rng.next() * totalWeight;
        let lo = 0;
        let hi = table.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (table[mid] > u) hi = mid;
          else lo = mid + 1;
        }
        person = members[lo];
        let keep = people.hourActivity[person * 24 + hour] * people.dayActivity[person * 7 + weekday];
        if (late) keep *= people.lateness[person];
        if (rng.next() < keep) break;
      }

      // 3. What: the funnel, scaled by how well the topic matches the person's interests.
      const match = people.match[person * T + post.topic];
      const fit = 0.1 + 0.9 * match;
      const taste = Math.sqrt(people.media[person * M + post.media]);
      const inIncident = post.topic === incident.topic && t >= incident.start && t < incident.end;
      emit(t, person, InteractionType.VIEW, null, null, null);
      if (remaining > 0 && likedPost[person] !== p && rng.next() < people.like[person] * fit * taste * (inIncident ? 0.5 : 1)) {
        likedPost[person] = p;
        emit(t + (5 + rng.int(180)) * 1000, person, InteractionType.LIKE, null, null, null);
      }
      if (remaining > 0 && rng.next() < Math.min(0.95, people.click[person] * fit * (post.media === LINK ? 1.8 : 1) * (post.paid ? 1.3 : 1))) {
        const clickAt = t + (5 + rng.int(120)) * 1000;
        emit(clickAt, person, InteractionType.CLICK, null, null, null);
        const convert = people.convert[person] * fit * (post.topic === DEALS ? 1.3 : 1) * (post.paid ? 1.2 : 1) * (inIncident ? 0.3 : 1);
        if (remaining > 0 && rng.next() < convert) {
          emit(clickAt + (2 + rng.int(40)) * MINUTE, person, InteractionType.CONVERSION, pick(rng, topicWording[topics[post.topic]].prices), null, null);
        }
      }
      if (remaining > 0 && rng.next() < Math.min(0.95, people.comment[person] * fit * (inIncident ? incidentCommentBoost : 1))) {
        const polarity = commentPolarity(rng, people, person, post, match, inIncident);
        const text = commentText(rng, { polarity, topic: topics[post.topic], incident: inIncident && polarity === "negative" ? incident.scenario : undefined });
        emit(t + (30 + rng.int(600)) * 1000, person, InteractionType.COMMENT, null, text, polarity);
      }
      if (remaining > 0 && sharedPost[person] !== p && rng.next() < people.share[person] * fit * taste * (post.media === VIDEO ? 1.4 : 1)) {
        sharedPost[person] = p;
        emit(t + (10 + rng.int(300)) * 1000, person, InteractionType.SHARE, null, null, null);
      }
    }
  }
  while (heap.size > 0) yield heap.pop();
}

/** Persona tendency × post reception × paid × weak interest × the incident, as odds of a negative comment. */
function commentPolarity(rng: Rng, people: People, person: number, post: PostModel, match: number, inIncident: boolean): Polarity {
  const negative = people.negative[person];
  const odds =
    (negative / (1 - negative)) * post.reception * (post.paid ? 1.3 : 1) * (match < 0.2 ? 1.5 : 1) * (inIncident ? incidentNegativeOdds : 1);
  const pNegative = odds / (1 + odds);
  const pPositive = (people.positive[person] * (1 - pNegative)) / (1 - negative);
  const u = rng.next();
  return u < pNegative ? "negative" : u < pNegative + pPositive ? "positive" : "neutral";
}

// ---- Entry point ------------------------------------------------------------------------------------

/**
 * Builds the demo data set. Same options → identical output. Users: the brand's accounts first, then
 * the people; posts in publication order; interactions (exactly `options.interactions`) in time order.
 */
export function generateDemoData(options: Partial<DemoOptions> = {}): DemoData {
  const o = resolveOptions(options);
  const rng = createRng(o.seed);
  const end = o.endDate.getTime();
  const start = end - o.days * DAY;

  const incident = planIncident(rng, start, end);
  const taken = new Set<string>();
  const brands: DemoUser[] = channels.map((c) => {
    taken.add(c.handle);
    return {
      platform: c.platform,
      handle: c.handle,
      displayName: brandName,
      followers: Math.round(c.followers * (0.9 + 0.2 * rng.next())),
      isBrand: true,
      attributes: null,
    };
  });
  const { people, users, personaOf } = makePeople(rng, o.users - channels.length, taken);
  const { models, posts } = makePosts(rng, o.posts, o.seed, incident, start, end);
  const model = new EngagementModel(people, models, incident, end);
  const quotas = model.quotas(o.interactions);
  const streamSeed = `${o.seed}/interactions/${rng.int(2 ** 31)}`;

  // Each pass replays the same stream from its own seed; the n-th record is always `demo-<seed>-<n>`.
  const records = () => simulate(model, quotas, createRng(streamSeed));
  const idPrefix = `demo-${o.seed}-`;

  function* interactions(): Generator<DemoInteraction> {
    let n = 0;
    for (const r of records()) {
      const post = models[r.post];
      yield {
        externalId: idPrefix + ++n,
        platform: channels[post.channel].platform,
        userHandle: people.handles[r.person],
        postExternalId: post.externalId,
        type: r.type,
        value: r.value,
        text: r.text,
        occurredAt: new Date(r.t),
      };
    }
  }

  let polarity: Map<string, Polarity> | undefined;
  const truth: DemoTruth = {
    personaOf,
    get commentPolarity() {
      if (!polarity) {
        polarity = new Map();
        let n = 0;
        for (const r of records()) {
          n++;
          if (r.polarity) polarity.set(idPrefix + n, r.polarity);
        }
      }
      return polarity;
    },
    incident: {
      start: new Date(incident.start),
      end: new Date(incident.end),
      topic: incident.scenario.topic,
      description: incident.scenario.description,
    },
  };

  return { users: [...brands, ...users], posts, interactions, truth };
}
