import { MediaType } from "../src/modules/posts/post.entity";
import { Platform } from "../src/modules/users/platform";
import type { Topic } from "./texts";

/**
 * The hidden audience groups of the demo data. Each person is drawn from one persona (about 10% from a
 * blend of two), with individual noise on every trait, and behaves accordingly: which topics and media
 * they engage with, at what hours and weekdays, how far down the funnel they go and how their comments
 * sound. Segmentation should recover these groups from behaviour alone; `truth.personaOf` holds the
 * answer key.
 */

/** A bump of activity around an hour of the day (UTC), `width` hours wide (standard deviation). */
export interface HourPeak {
  hour: number;
  width: number;
  weight: number;
}

/** Per-exposure probabilities for someone whose top interest is the post's topic; weaker matches scale them down. */
export interface Propensity {
  like: number;
  click: number;
  comment: number;
  share: number;
  /** Given a click. */
  convert: number;
}

export interface Persona {
  /** Stable key, the value of `truth.personaOf`. */
  name: string;
  label: string;
  description: string;
  /** Share of people drawn from this persona (the shares sum to 1). */
  share: number;
  /** Mean interest mix over topics; unlisted topics get a small floor. */
  interests: Partial<Record<Topic, number>>;
  /** Dirichlet concentration: higher means individuals stay closer to the mean mix. */
  concentration: number;
  hours: { peaks: HourPeak[]; floor: number };
  /** Activity on Saturday and Sunday relative to a weekday. */
  weekend: number;
  /** Relative preference per media type (1 = indifferent). */
  media: Record<MediaType, number>;
  propensity: Propensity;
  /** Relative number of sessions (how often they show up at all). */
  activity: number;
  /** Acceptance of posts older than 6 hours relative to fresh ones (early adopters jump on new posts). */
  lateness: number;
  /** Probability that a comment is positive / negative (neutral is the rest), before post and incident effects. */
  sentiment: { positive: number; negative: number };
  /** Log-normal follower counts, and the share of influencers (10k–800k followers). */
  followers: { median: number; sigma: number; influencerRate: number };
  platforms: Partial<Record<Platform, number>>;
  crm: {
    age: [number, number];
    gender: Record<string, number>;
    jobs: string[];
    countries: Record<string, number>;
    /** Probability that each CRM field is known. */
    completeness: number;
  };
}

const media = (text: number, photo: number, video: number, link: number, status: number): Record<MediaType, number> => ({
  [MediaType.TEXT]: text,
  [MediaType.PHOTO]: photo,
  [MediaType.VIDEO]: video,
  [MediaType.LINK]: link,
  [MediaType.STATUS]: status,
});

export const personas: readonly Persona[] = [
  {
    name: "evening-video-fitness",
    label: "Evening video sharers (fitness)",
    description: "Young gym-goers who watch and share workout videos after work, mostly on TikTok and Instagram.",
    share: 0.18,
    interests: { fitness: 0.5, running: 0.2, yoga: 0.15, nutrition: 0.08 },
    concentration: 14,
    hours: { peaks: [{ hour: 20, width: 1.5, weight: 1 }, { hour: 7, width: 1, weight: 0.2 }], floor: 0.04 },
    weekend: 1.1,
    media: media(0.3, 0.9, 3, 0.3, 0.4),
    propensity: { like: 0.55, click: 0.06, comment: 0.05, share: 0.22, convert: 0.05 },
    activity: 1,
    lateness: 1,
    sentiment: { positive: 0.65, negative: 0.05 },
    followers: { median: 450, sigma: 1.3, influencerRate: 0.04 },
    platforms: { TIKTOK: 0.45, INSTAGRAM: 0.4, FACEBOOK: 0.08, TWITTER: 0.07 },
    crm: {
      age: [18, 32],
      gender: { female: 0.55, male: 0.42, "non-binary": 0.03 },
      jobs: ["personal trainer", "student", "barista", "content creator", "physiotherapist", "retail assistant", "nurse"],
      countries: { GB: 0.35, US: 0.25, IE: 0.1, AU: 0.1, DE: 0.1, NL: 0.1 },
      completeness: 0.75,
    },
  },
  {
    name: "weekend-deal-hunters",
    label: "Weekend deal hunters",
    description: "Shoppers who browse sales and new drops at weekends and click through to buy.",
    share: 0.17,
    interests: { deals: 0.5, fashion: 0.3, travel: 0.08 },
    concentration: 14,
    hours: { peaks: [{ hour: 11, width: 1.5, weight: 0.7 }, { hour: 21, width: 1.5, weight: 1 }], floor: 0.05 },
    weekend: 2.4,
    media: media(0.5, 2, 0.8, 2, 0.5),
    propensity: { like: 0.3, click: 0.42, comment: 0.03, share: 0.05, convert: 0.3 },
    activity: 0.9,
    lateness: 1,
    sentiment: { positive: 0.45, negative: 0.08 },
    followers: { median: 180, sigma: 1, influencerRate: 0.005 },
    platforms: { FACEBOOK: 0.38, INSTAGRAM: 0.37, TIKTOK: 0.15, TWITTER: 0.1 },
    crm: {
      age: [24, 48],
      gender: { female: 0.62, male: 0.37, "non-binary": 0.01 },
      jobs: ["teacher", "accountant", "sales associate", "office manager", "nurse", "HR advisor", "bank clerk"],
      countries: { GB: 0.4, US: 0.2, ES: 0.1, FR: 0.1, DE: 0.1, CA: 0.1 },
      completeness: 0.85,
    },
  },
  {
    name: "silent-lurkers",
    label: "Silent lurkers",
    description: "Late-night scrollers with broad interests who watch a lot and rarely react.",
    share: 0.3,
    interests: { outdoor: 0.25, travel: 0.25, fashion: 0.2, tech: 0.1, yoga: 0.1 },
    concentration: 6,
    hours: { peaks: [{ hour: 23, width: 1.5, weight: 1 }, { hour: 1, width: 1, weight: 0.5 }], floor: 0.04 },
    weekend: 1.1,
    media: media(0.7, 1.5, 1.5, 0.7, 0.7),
    propensity: { like: 0.04, click: 0.03, comment: 0.004, share: 0.004, convert: 0.05 },
    activity: 1.3,
    lateness: 1,
    sentiment: { positive: 0.5, negative: 0.1 },
    followers: { median: 60, sigma: 1, influencerRate: 0 },
    platforms: { INSTAGRAM: 0.3, FACEBOOK: 0.3, TWITTER: 0.2, TIKTOK: 0.2 },
    crm: {
      age: [16, 60],
      gender: { female: 0.5, male: 0.48, "non-binary": 0.02 },
      jobs: ["student", "software developer", "logistics coordinator", "civil servant", "engineer", "call centre agent"],
      countries: { GB: 0.3, US: 0.3, DE: 0.1, SE: 0.1, NL: 0.1, CA: 0.1 },
      completeness: 0.4,
    },
  },
  {
    name: "loyal-commenters",
    label: "Loyal commenters",
    description: "Long-time outdoor and travel fans who comment warmly on most posts, mornings and lunchtimes, mostly on Facebook.",
    share: 0.12,
    interests: { outdoor: 0.45, travel: 0.3, nutrition: 0.1, yoga: 0.08 },
    concentration: 14,
    hours: { peaks: [{ hour: 8, width: 1.3, weight: 1 }, { hour: 13, width: 1, weight: 0.6 }], floor: 0.04 },
    weekend: 1,
    media: media(1, 2, 1, 0.6, 1.5),
    propensity: { like: 0.5, click: 0.08, comment: 0.3, share: 0.08, convert: 0.08 },
    activity: 1.1,
    lateness: 1,
    sentiment: { positive: 0.78, negative: 0.03 },
    followers: { median: 300, sigma: 1.1, influencerRate: 0.01 },
    platforms: { FACEBOOK: 0.55, INSTAGRAM: 0.3, TWITTER: 0.1, TIKTOK: 0.05 },
    crm: {
      age: [35, 66],
      gender: { female: 0.52, male: 0.47, "non-binary": 0.01 },
      jobs: ["teacher", "project manager", "architect", "GP", "small business owner", "retired", "park ranger"],
      countries: { GB: 0.45, IE: 0.15, US: 0.15, CA: 0.1, AU: 0.1, SE: 0.05 },
      completeness: 0.9,
    },
  },
  {
    name: "early-adopters",
    label: "New-product early adopters",
    description: "Tech-minded runners who jump on new posts within hours, click through and buy new gear.",
    share: 0.12,
    interests: { tech: 0.5, running: 0.25, fitness: 0.08 },
    concentration: 14,
    hours: { peaks: [{ hour: 8, width: 1, weight: 0.8 }, { hour: 18, width: 1.2, weight: 1 }], floor: 0.05 },
    weekend: 0.6,
    media: media(1.2, 1, 1.5, 1.8, 0.5),
    propensity: { like: 0.35, click: 0.35, comment: 0.06, share: 0.2, convert: 0.22 },
    activity: 1,
    lateness: 0.25,
    sentiment: { positive: 0.55, negative: 0.08 },
    followers: { median: 800, sigma: 1.3, influencerRate: 0.03 },
    platforms: { TWITTER: 0.5, INSTAGRAM: 0.25, TIKTOK: 0.15, FACEBOOK: 0.1 },
    crm: {
      age: [22, 40],
      gender: { female: 0.35, male: 0.62, "non-binary": 0.03 },
      jobs: ["software engineer", "product manager", "data analyst", "UX designer", "startup founder", "consultant"],
      countries: { US: 0.35, GB: 0.25, DE: 0.15, NL: 0.1, SE: 0.1, CA: 0.05 },
      completeness: 0.8,
    },
  },
  {
    name: "critics",
    label: "Critics",
    description: "Sustainability- and nutrition-minded sceptics who comment late in the evening, often negatively, mostly on Twitter.",
    share: 0.11,
    interests: { sustainability: 0.5, nutrition: 0.25, tech: 0.1 },
    concentration: 14,
    hours: { peaks: [{ hour: 22, width: 1.3, weight: 1 }, { hour: 14, width: 1.5, weight: 0.3 }], floor: 0.05 },
    weekend: 1,
    media: media(2, 0.6, 0.5, 2, 1.5),
    propensity: { like: 0.06, click: 0.1, comment: 0.2, share: 0.05, convert: 0.02 },
    activity: 0.8,
    lateness: 1,
    sentiment: { positive: 0.12, negative: 0.4 },
    followers: { median: 250, sigma: 1.2, influencerRate: 0.02 },
    platforms: { TWITTER: 0.55, FACEBOOK: 0.3, INSTAGRAM: 0.1, TIKTOK: 0.05 },
    crm: {
      age: [28, 58],
      gender: { female: 0.48, male: 0.5, "non-binary": 0.02 },
      jobs: ["journalist", "environmental scientist", "lawyer", "researcher", "policy analyst", "lecturer"],
      countries: { GB: 0.3, DE: 0.2, US: 0.2, FR: 0.1, NL: 0.1, SE: 0.1 },
      completeness: 0.8,
    },
  },
];

/** The persona's top topic: the one its members engage with most. */
export function topTopicOf(persona: Persona): Topic {
  let best: Topic | undefined;
  let weight = -1;
  for (const [topic, w] of Object.entries(persona.interests) as Array<[Topic, number]>) {
    if (w > weight) [best, weight] = [topic, w];
  }
  return best!;
}

export const personaByName: ReadonlyMap<string, Persona> = new Map(personas.map((p) => [p.name, p]));
