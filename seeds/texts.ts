import type { Rng } from "../src/ml/random";
import { MediaType } from "../src/modules/posts/post.entity";
import { Platform } from "../src/modules/users/platform";

/**
 * The wording of the demo data: one lifestyle brand ("Kestrel Active", sportswear and gear), the ten
 * topics it posts about, post and comment templates with slots, and the people's names and places.
 * Everything here is data plus small pure functions that take the generator's seeded RNG, so the same
 * draws give the same words.
 */

export const brandName = "Kestrel Active";
export const brandTag = "kestrelactive";
const shopUrl = "https://kestrel-active.example";

export const topics = ["fitness", "running", "yoga", "nutrition", "outdoor", "travel", "fashion", "tech", "sustainability", "deals"] as const;
export type Topic = (typeof topics)[number];

export type Polarity = "positive" | "neutral" | "negative";

interface TopicWording {
  /** Hashtags written into posts (without #). */
  hashtags: string[];
  /** Products the brand sells under this topic; conversions on the topic are priced from `prices`. */
  products: string[];
  /** Purchase amounts, 19.99–149.00. */
  prices: number[];
  emoji: string[];
  /** One-sentence post bodies with slots: {product} {n} {n2} {km} {pct} {code} {day} {city} {place}. */
  lines: string[];
  /** Topic-specific comment cores per polarity ({product} slot). */
  praise: string[];
  gripes: string[];
  questions: string[];
}

export const topicWording: Record<Topic, TopicWording> = {
  fitness: {
    hashtags: ["fitness", "workout", "gymlife", "strengthtraining", "homeworkout", "fitfam", "legday", "hiit"],
    products: ["FlexFit leggings", "Core Trainer set", "PowerGrip gloves", "AeroLite tank"],
    prices: [24.99, 34.99, 49.99, 59.99, 79.99],
    emoji: ["💪", "🔥", "🏋️", "⚡"],
    lines: [
      "{n} moves, {n2} minutes, zero excuses. Today's workout is live",
      "Leg day doesn't have to be scary: try this {n}-move circuit in the {product}",
      "Your {day} HIIT is here: {n} rounds, 40 seconds on, 20 off",
      "Strength is built one rep at a time. What's your PB this month?",
      "Tested in the gym, made for real life. Meet the {product}",
      "No gym? No problem. {n} bodyweight moves you can do in the living room",
      "Core burner alert: {n2} minutes, no equipment, all in",
    ],
    praise: ["This workout destroyed me in the best way", "The {product} survived my hardest session yet", "Doing this circuit every {day} now"],
    gripes: ["The {product} went see-through after two washes", "This workout is way too basic", "Seams on my {product} split during squats"],
    questions: ["Is the {product} squat proof?", "Can beginners do this circuit?", "How many sets should I do?"],
  },
  running: {
    hashtags: ["running", "morningrun", "runnersofinstagram", "marathontraining", "5k", "runclub", "runhappy", "trailrunning"],
    products: ["Stride 3 running shoes", "Stride Trail 2", "Breeze running jacket", "Stride socks"],
    prices: [19.99, 69.99, 89.99, 119.00, 129.00],
    emoji: ["🏃‍♀️", "🏃", "👟", "☀️"],
    lines: [
      "Who's up for a {km}K this {day}? Our run club meets at 7am in {city}",
      "Morning miles hit different in the {product}",
      "{n} tips for your first half marathon, from coach @coach_lena_runs",
      "Rain or shine, the {product} keeps you going",
      "Pace check: what's your easy-run pace right now?",
      "Long run {day}: {km}K along the river, coffee after",
    ],
    praise: ["My Stride 3 just hit 500K and still feel great", "Ran my first {km}K in the {product}, so comfy", "Best running shoes I've had"],
    gripes: ["My Stride 3 gave me blisters on every run", "The {product} wore out in a month", "Sole is already peeling off"],
    questions: ["Are the Stride 3 good for wide feet?", "What drop does the {product} have?", "Is the run club free?"],
  },
  yoga: {
    hashtags: ["yoga", "yogaeveryday", "mindfulness", "stretching", "yogaflow", "selfcare", "breathe"],
    products: ["Balance yoga mat", "Calm Flow set", "Cork yoga block"],
    prices: [19.99, 39.99, 59.99, 69.99],
    emoji: ["🧘", "🌿", "✨", "🙏"],
    lines: [
      "A {n2}-minute flow to reset your {day}",
      "Breathe in, slow down. The {product} is back in three new colours",
      "Stretch it out: {n} poses for tight hips after a long day at the desk",
      "Sunday reset: candles, mat, {n2} minutes just for you",
      "Your spine will thank you for this {n}-pose sequence",
    ],
    praise: ["Needed this flow so much today", "The {product} has the best grip", "So calming, thank you"],
    gripes: ["My {product} started flaking after a month", "The mat smells like chemicals", "Too fast to follow, not relaxing at all"],
    questions: ["How thick is the {product}?", "Is this flow ok during pregnancy?", "What music is this?"],
  },
  nutrition: {
    hashtags: ["nutrition", "healthyeating", "mealprep", "plantbased", "protein", "recipes", "eatwell"],
    products: ["Fuel protein bars", "Green Boost smoothie mix", "Kestrel shaker bottle"],
    prices: [19.99, 24.99, 29.99, 39.99],
    emoji: ["🥗", "🍌", "🥑", "💧"],
    lines: [
      "Meal prep {day}: {n} high-protein lunches in under 15 minutes",
      "Post-run fuel that actually tastes good: try the {product}",
      "Hydration check: are you drinking enough on training days?",
      "Recipe: overnight oats with the {product}, ready when you are",
      "{n} snacks under 200 calories to keep you going",
      "Plant-based and packed with protein: our {day} bowl recipe",
    ],
    praise: ["Made this recipe last night, so good", "The {product} is my new favourite snack", "Meal prep sorted for the week, thanks"],
    gripes: ["The {product} tastes like cardboard", "Way too much sugar in these", "This is not a healthy recipe at all"],
    questions: ["Is the {product} vegan?", "How much protein per serving?", "Does it contain nuts?"],
  },
  outdoor: {
    hashtags: ["outdoors", "hiking", "adventure", "getoutside", "mountains", "camping", "naturelovers"],
    products: ["Ridge 30L backpack", "Summit shell jacket", "Trailhead hiking boots"],
    prices: [79.99, 99.00, 129.00, 149.00],
    emoji: ["🏔️", "🌲", "🏕️", "🌄"],
    lines: [
      "Weekend plans: {place}. Who's joining?",
      "Packed and ready for {place} with the {product}",
      "{n} essentials for your first overnight hike",
      "Sunrise at {place} was worth the 4am alarm",
      "Muddy boots, happy heart. Tag us in your {day} adventures",
      "Leave no trace: {n} habits every hiker should know",
    ],
    praise: ["Took the {product} up {place}, bone dry all day", "Stunning view, adding it to my list", "My boots have done 3 summits and still going"],
    gripes: ["My {product} leaked on the first rainy day", "Zip broke on the trail, really annoying", "Boots are way too stiff"],
    questions: ["How heavy is the {product}?", "Is this trail ok for dogs?", "Which route did you take?"],
  },
  travel: {
    hashtags: ["travel", "wanderlust", "travelgram", "weekendgetaway", "packinglight", "explore"],
    products: ["Carry-on Duffel", "Packable Puffer", "Travel Joggers"],
    prices: [59.99, 79.99, 89.99, 119.00],
    emoji: ["✈️", "🧳", "🌍", "🗺️"],
    lines: [
      "Pack light, move freely: {n} pieces, {n2} outfits",
      "Next stop: {city}. Where should our team run this week?",
      "A layover stretch routine you can do at the gate",
      "Weekend in {city}: our crew's favourite running routes",
      "The {product} fits a week of kit. Yes, really",
    ],
    praise: ["Took the {product} to {city}, perfect size", "This is giving me serious wanderlust", "Best travel gear ever"],
    gripes: ["The {product} strap snapped at the airport", "Too small for carry-on rules, had to pay extra", "Pointless trip content, not why I follow"],
    questions: ["Does the {product} fit under the seat?", "Where was this taken?", "Do you ship to {city}?"],
  },
  fashion: {
    hashtags: ["ootd", "athleisure", "streetstyle", "activewear", "style", "newin"],
    products: ["Everyday hoodie", "Cloud joggers", "Studio crop top", "Retro track jacket"],
    prices: [29.99, 49.99, 59.99, 79.99, 89.99],
    emoji: ["😎", "🖤", "✨", "👀"],
    lines: [
      "Gym to brunch in one outfit? The {product} says yes",
      "New drop alert: the {product} lands {day} in {n} colours",
      "How do you style your {product}? Show us with #kestrelstyle",
      "Monochrome {day}: the {product} in stone and black",
      "Comfy never looked this good. Meet the {product}",
    ],
    praise: ["Obsessed with the {product}", "That colour is stunning", "Wearing my {product} right now"],
    gripes: ["The {product} shrank after one wash", "Sizing is all over the place", "Same boring colours again"],
    questions: ["Does the {product} run true to size?", "Will the {product} come in green?", "What size is the model wearing?"],
  },
  tech: {
    hashtags: ["wearables", "fitnesstech", "smartwatch", "gadgets", "techtuesday", "innovation"],
    products: ["Pulse 2 tracker", "Pulse GPS watch", "SoundRun earbuds", "Kestrel app"],
    prices: [79.99, 99.00, 129.00, 149.00],
    emoji: ["⌚", "📲", "🎧", "🔋"],
    lines: [
      "Meet the {product}: all-day battery and a fit you forget about",
      "Update: the Kestrel app now syncs your {product} workouts automatically",
      "Heart-rate zones explained in 60 seconds with the {product}",
      "{n} hidden features of the {product} you should try",
      "Sleep score up, resting heart rate down. What does your data say?",
    ],
    praise: ["The {product} battery lasts forever", "App update is smooth, love the new charts", "Best tracker I've owned"],
    gripes: ["The {product} keeps losing GPS", "App crashes every time I sync", "Battery on my {product} is awful"],
    questions: ["Does the {product} work with iPhone?", "Is the {product} waterproof?", "Can I swap the strap?"],
  },
  sustainability: {
    hashtags: ["sustainability", "recycled", "ecofriendly", "circularfashion", "sustainablefashion", "planetfirst"],
    products: ["ReLoop leggings", "ReLoop fleece", "ReLoop running tee"],
    prices: [19.99, 54.99, 64.99, 89.99],
    emoji: ["♻️", "🌱", "🌍", "🌳"],
    lines: [
      "Our {product}: {pct}% recycled bottles, 100% performance",
      "Bring back your old gear: Repair & Return gives it a second life",
      "We planted {n},000 trees this year with your orders. Thank you!",
      "Our {day} factory report: less water, less waste, more transparency",
      "Circular by design: our {product} can be recycled again and again",
    ],
    praise: ["Love that you're doing this", "Finally a brand that takes recycling seriously", "Sent back my old leggings, so easy"],
    gripes: ["Stop greenwashing", "Recycled bottles, then why so much plastic packaging?", "This is marketing, not sustainability"],
    questions: ["Where is the {product} made?", "How do I join Repair & Return?", "Is the packaging recyclable?"],
  },
  deals: {
    hashtags: ["sale", "deals", "discount", "limitededition", "shopnow", "flashsale"],
    products: ["Weekend Bundle", "Starter Kit", "Everyday Bundle"],
    prices: [19.99, 24.99, 39.99, 49.99, 74.99],
    emoji: ["🛍️", "⚡", "📦", "🎉"],
    lines: [
      "Flash sale: {pct}% off everything until midnight with code {code}",
      "Weekend only: buy 2, get the 3rd free",
      "Members get early access to the {product} deal. Don't miss out",
      "Free shipping on all orders over 50 this {day}",
      "Last chance: {pct}% off the {product} ends tonight",
      "Our biggest sale of the season starts {day}. Set a reminder",
    ],
    praise: ["Just grabbed the {product}, what a deal", "Code worked, thanks!", "Best sale of the year"],
    gripes: ["Code {code} doesn't work", "Prices went up before the sale, classic", "Sold out in 5 minutes, what a joke"],
    questions: ["Does the code work on sale items?", "Is the {product} included?", "When does the sale end?"],
  },
};

/** The people and partners the brand tags in posts. */
const partners = ["coach_lena_runs", "mia.moves", "trailtom", "greenplate_sam", "techwithnina", "yoga.with.ana", "runclub_ldn"];

const places = ["Ben Nevis", "the Lake District", "Snowdon", "the Dolomites", "Lofoten", "the Highlands", "Yosemite", "Mont Blanc", "the Peak District"];
const dayNames = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const openers: Record<Platform, string[]> = {
  [Platform.INSTAGRAM]: ["", "", "New week, new goals.", "Okay, this one is special.", "Save this for later!", "Hey fam!"],
  [Platform.FACEBOOK]: ["", "Hello Kestrel community!", "Big news today.", "We asked, you answered.", ""],
  [Platform.TWITTER]: ["", "", "", "Quick one:", "PSA:"],
  [Platform.TIKTOK]: ["", "POV:", "Wait for it...", "This hack though", "Rate this 1-10"],
  [Platform.LINKEDIN]: [""],
  [Platform.YOUTUBE]: [""],
  [Platform.OTHER]: [""],
};

const callsToAction: Record<MediaType, string[]> = {
  [MediaType.VIDEO]: ["Watch till the end 👀", "Full routine in the video 👇", "Sound on 🔊", "Save it for your next session"],
  [MediaType.PHOTO]: ["Swipe for more ➡️", "Double tap if you agree ❤️", "Tag a friend who needs this", "Which colour is your favourite?"],
  [MediaType.LINK]: ["Read more: {url}", "Shop now: {url}", "Full guide: {url}", "Details: {url}"],
  [MediaType.TEXT]: ["What do you think?", "Drop a comment 👇", "Agree?", "Tell us below"],
  [MediaType.STATUS]: ["Have a great {day}!", "See you out there.", "That's all for today 👋", "More soon."],
};

const urlPaths: Record<Topic, string[]> = {
  fitness: ["/training", "/collections/gym"],
  running: ["/run", "/collections/running"],
  yoga: ["/yoga", "/collections/studio"],
  nutrition: ["/fuel", "/recipes"],
  outdoor: ["/outdoor", "/collections/hike"],
  travel: ["/travel", "/collections/travel"],
  fashion: ["/new-in", "/collections/everyday"],
  tech: ["/pulse", "/app"],
  sustainability: ["/reloop", "/impact-report"],
  deals: ["/sale", "/offers"],
};

const codes = ["KESTREL20", "FLASH25", "WEEKEND15", "RUNFAST", "MEMBERS30"];

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.int(items.length)];
}

/** Replaces `{slot}` markers; unknown slots are left as they are. */
function fill(template: string, slots: Record<string, () => string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (slots[name] ? slots[name]() : whole));
}

function slotsFor(rng: Rng, topic: Topic, at: Date, product: string): Record<string, () => string> {
  return {
    product: () => product,
    n: () => String(3 + rng.int(8)),
    n2: () => String(10 + 5 * rng.int(6)),
    km: () => pick(rng, ["5", "10", "15", "21"]),
    pct: () => pick(rng, ["15", "20", "25", "30", "40"]),
    code: () => pick(rng, codes),
    day: () => dayNames[at.getUTCDay()],
    city: () => pick(rng, pick(rng, Object.values(cities))),
    place: () => pick(rng, places),
    url: () => shopUrl + pick(rng, urlPaths[topic]),
  };
}

export interface PostTextContext {
  platform: Platform;
  topic: Topic;
  mediaType: MediaType;
  publishedAt: Date;
  paid: boolean;
}

/**
 * A brand post: an optional opener, one or two topic lines, a call to action that fits the media type,
 * sometimes a partner @mention, then 2–5 hashtags (more on TikTok, fewer on Twitter, which stays
 * under 280 characters).
 */
export function postText(rng: Rng, ctx: PostTextContext): string {
  const words = topicWording[ctx.topic];
  const product = pick(rng, words.products);
  const slots = slotsFor(rng, ctx.topic, ctx.publishedAt, product);
  const parts: string[] = [];
  const opener = pick(rng, openers[ctx.platform]);
  if (opener) parts.push(opener);
  const first = rng.int(words.lines.length);
  parts.push(`${fill(words.lines[first], slots)} ${pick(rng, words.emoji)}`);
  if (ctx.platform === Platform.FACEBOOK && rng.next() < 0.6) {
    parts.push(fill(words.lines[(first + 1 + rng.int(words.lines.length - 1)) % words.lines.length], slots) + ".");
  }
  const cta = ctx.mediaType === MediaType.LINK || rng.next() < 0.6 ? fill(pick(rng, callsToAction[ctx.mediaType]), slots) : "";
  if (cta) parts.push(cta);
  if (ctx.paid && ctx.mediaType !== MediaType.LINK) parts.push(`Shop now: ${shopUrl}${pick(rng, urlPaths[ctx.topic])}`);
  if (rng.next() < 0.18) parts.push(`🤝 @${pick(rng, partners)}`);
  const tagCount = ctx.platform === Platform.TWITTER ? 1 + rng.int(2) : ctx.platform === Platform.TIKTOK ? 3 + rng.int(3) : 2 + rng.int(3);
  const tags = sample(rng, words.hashtags, tagCount);
  if (rng.next() < 0.5) tags.push(brandTag);
  if (ctx.platform === Platform.TIKTOK && rng.next() < 0.7) tags.push(pick(rng, ["fyp", "foryou", "fitok"]));
  let text = `${parts.join(" ")}\n\n${tags.map((t) => `#${t}`).join(" ")}`;
  if (ctx.platform === Platform.TWITTER && text.length > 280) text = `${parts.slice(0, 2).join(" ")} ${tags.map((t) => `#${t}`).join(" ")}`.slice(0, 280);
  return text;
}

/** `count` distinct items in random order (partial Fisher–Yates on a copy). */
function sample<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const copy = items.slice();
  const n = Math.min(count, copy.length);
  for (let i = 0; i < n; i++) {
    const j = i + rng.int(copy.length - i);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

// ---- Comments -------------------------------------------------------------------------------------

const commentCores: Record<Polarity, string[]> = {
  positive: [
    "Love this!",
    "Obsessed with my {product}",
    "This is exactly what I needed today",
    "Best {product} I've tried",
    "Just ordered mine, can't wait",
    "Absolutely amazing quality",
    "You guys never miss",
    "Saving this for later, so good",
    "This made my day",
    "Great post, thank you!",
    "Been using the {product} all week, so good",
    "Finally a brand that gets it",
    "So good, already bought a second one",
    "Thank you for the inspo",
    "This is goals",
    "Top quality as always",
    "Highly recommend the {product}",
    "Beautiful shot",
    "10/10 would buy again",
    "Best purchase this year",
    "Not gonna lie, this is amazing",
    "Happy customer here, great service",
  ],
  neutral: [
    "What sizes does the {product} come in?",
    "Is this available in {country}?",
    "When does the {product} restock?",
    "How long does shipping take?",
    "Does it come in black?",
    "Which one is this?",
    "Is there a student discount?",
    "What's the price?",
    "Link?",
    "Any plans for a store in {city}?",
    "Is this the new version?",
    "Tagging my sister",
    "How does it compare to the old one?",
    "What time does it go live?",
    "Can I return it in store?",
    "Saw this on my feed",
    "First time seeing this",
  ],
  negative: [
    "Not worth it",
    "Never again",
    "Overpriced for what it is",
    "Mine fell apart after two weeks",
    "Not impressed with the {product}",
    "Still waiting for my refund",
    "Customer service ignored me for a week",
    "Wouldn't recommend the {product}",
    "Quality has gone downhill",
    "Don't buy this, not worth the money",
    "Worst purchase this year",
    "So disappointed",
    "Another ad, unfollowing",
    "Boring and lazy content",
    "Terrible quality, really bad",
    "I'm done with this brand",
    "Paid full price and it ripped",
    "Nobody asked for this",
    "Honestly awful",
    "My order arrived damaged and nobody cares",
    "Not happy at all",
    "Can't believe how cheap this feels",
    "Hate the new design",
  ],
};

const decorations: Record<Polarity, { openers: string[]; emoji: string[]; emoticons: string[]; hashtags: string[] }> = {
  positive: {
    openers: ["omg", "ngl", "yesss", "lowkey", "honestly", "wow"],
    emoji: ["😍", "🔥", "💪", "🙌", "❤️", "👏", "✨", "😊", "💯"],
    emoticons: [":)", ":D", "<3", ";)"],
    hashtags: ["goals", "obsessed", "kestrelfam", "happy", "love"],
  },
  neutral: {
    openers: ["hey", "quick q:", "hi!", "hmm"],
    emoji: ["🤔", "👀", "🙂"],
    emoticons: [":o"],
    hashtags: ["question"],
  },
  negative: {
    openers: ["ugh", "smh", "tbh", "honestly", "wow."],
    emoji: ["😡", "👎", "😤", "🙄", "💔", "😒"],
    emoticons: [":(", ":/", ">:("],
    hashtags: ["fail", "disappointed", "refund", "neveragain", "badservice"],
  },
};

/** How often a comment ends in emoji or an emoticon: opinions carry them, questions rarely. */
const decorationRates: Record<Polarity, { emoji: number; emoticon: number }> = {
  positive: { emoji: 0.5, emoticon: 0.15 },
  neutral: { emoji: 0.12, emoticon: 0.03 },
  negative: { emoji: 0.4, emoticon: 0.2 },
};

export interface CommentContext {
  polarity: Polarity;
  topic: Topic;
  /** The incident's complaints replace the generic ones when set (a negative comment inside the window). */
  incident?: IncidentScenario;
}

/** A comment whose wording carries `polarity`: a core line, then optional slang, emoji, emoticon, hashtag or @brand. */
export function commentText(rng: Rng, ctx: CommentContext): string {
  const words = topicWording[ctx.topic];
  const deco = decorations[ctx.polarity];
  let core: string;
  if (ctx.incident && rng.next() < 0.75) core = pick(rng, ctx.incident.complaints);
  else if (rng.next() < 0.35) core = pick(rng, ctx.polarity === "positive" ? words.praise : ctx.polarity === "negative" ? words.gripes : words.questions);
  else core = pick(rng, commentCores[ctx.polarity]);
  if (core.includes("{")) {
    core = fill(core, {
      product: () => pick(rng, words.products),
      code: () => pick(rng, codes),
      city: () => pick(rng, pick(rng, Object.values(cities))),
      country: () => pick(rng, countryNames),
      km: () => pick(rng, ["5", "10", "21"]),
      place: () => pick(rng, places),
      day: () => pick(rng, dayNames),
    });
  }
  let text = core;
  if (rng.next() < 0.25) text = `${pick(rng, deco.openers)} ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
  const u = rng.next();
  const { emoji, emoticon } = decorationRates[ctx.polarity];
  if (u < emoji) text += ` ${pick(rng, deco.emoji)}${rng.next() < 0.3 ? pick(rng, deco.emoji) : ""}`;
  else if (u < emoji + emoticon) text += ` ${pick(rng, deco.emoticons)}`;
  if (rng.next() < 0.15) text += ` #${pick(rng, deco.hashtags)}`;
  if (ctx.polarity === "negative" && rng.next() < 0.12) text = `@${brandTag} ${text}`;
  if (rng.next() < 0.1) text = text.toLowerCase();
  return text;
}

// ---- The planted incident ---------------------------------------------------------------------------

export interface IncidentScenario {
  topic: Topic;
  description: string;
  /** Negative comments about the incident itself. */
  complaints: string[];
  /** Brand posts during the window (update or apology), with the same slots as post lines. */
  updates: string[];
}

export const incidentScenarios: readonly IncidentScenario[] = [
  {
    topic: "tech",
    description: "Pulse 2 tracker recall: batteries of one batch overheat; negative comments on tech posts spike",
    complaints: [
      "My Pulse 2 got so hot it left a mark on my wrist",
      "Still no answer about the Pulse 2 recall. Not acceptable",
      "Returned my Pulse 2, never again",
      "How do you sell a tracker that overheats?? Not ok",
      "Recall email but no refund yet, terrible",
      "Not buying anything from you until the Pulse recall is sorted",
      "My kid's Pulse 2 burned her, this is dangerous",
      "Zero communication about the battery issue, shameful",
    ],
    updates: [
      "Important: we are recalling Pulse 2 trackers from batch 24B. Please stop using the device and request a free replacement: {url}",
      "Update on the Pulse 2 recall: replacements ship from next week. We are sorry for the trouble",
    ],
  },
  {
    topic: "deals",
    description: "Flash-sale shipping delay: a warehouse outage holds sale orders for up to two weeks; negative comments on deals posts spike",
    complaints: [
      "Ordered in the flash sale 10 days ago and still nothing",
      "Where is my order?? No tracking, no reply",
      "Never again, the sale isn't worth a two week wait",
      "Stop posting deals and ship the orders you already have",
      "Cancelled my order, not waiting any longer",
      "Tracking says label created for a week, not good enough",
      "Worst sale experience ever, nobody answers the chat",
    ],
    updates: [
      "Sale orders update: a warehouse outage delayed shipping. Every order ships by {day} and shipping is on us: {url}",
      "We are sorry: flash-sale orders are late. Track yours here: {url}",
    ],
  },
  {
    topic: "running",
    description: "Stride 3 sole defect: soles separate after a few runs and a batch is withdrawn; negative comments on running posts spike",
    complaints: [
      "The sole of my Stride 3 came off after 3 runs",
      "Stride 3 fell apart mid race, not acceptable",
      "Don't buy the Stride 3 until they fix the soles",
      "Second pair of Stride 3 with the same defect, never again",
      "Support told me it's normal wear. It's not, the sole peeled off",
      "Paid 129 for shoes that lasted a week, disgraceful",
    ],
    updates: [
      "Stride 3 update: we have withdrawn batch S3-09 after reports of sole separation. Free exchange here: {url}",
      "To our runners: we're sorry about the Stride 3 soles. Replacements are on the way",
    ],
  },
];

/** A brand update about the incident, in place of a normal post on its topic inside the window. */
export function incidentPostText(rng: Rng, scenario: IncidentScenario, publishedAt: Date): string {
  const slots = slotsFor(rng, scenario.topic, publishedAt, pick(rng, topicWording[scenario.topic].products));
  return `${fill(pick(rng, scenario.updates), slots)} 🙏\n\n#${brandTag} #${topicWording[scenario.topic].hashtags[0]}`;
}

// ---- People -----------------------------------------------------------------------------------------

export const firstNames = [
  "mia", "liam", "emma", "noah", "olivia", "lucas", "ava", "leo", "sofia", "oscar", "isla", "jack", "amelia", "finn",
  "chloe", "max", "zoe", "ethan", "hannah", "ben", "grace", "sam", "lena", "jonas", "clara", "felix", "ines", "hugo",
  "lucia", "mateo", "elsa", "nils", "freya", "tom", "nina", "daniel", "sara", "omar", "aisha", "ravi", "priya", "kai",
  "yuki", "mei", "chen", "fatima", "ali", "maya", "ella", "ruby", "theo", "alex", "jordan", "taylor", "sean", "niamh",
  "lotte", "daan", "emil", "marta",
];

export const lastNames = [
  "smith", "jones", "taylor", "brown", "wilson", "evans", "walsh", "murphy", "kelly", "obrien", "muller", "schmidt",
  "weber", "fischer", "martin", "bernard", "dubois", "garcia", "lopez", "martinez", "fernandez", "jansen", "devries",
  "bakker", "andersson", "johansson", "nilsson", "patel", "khan", "singh", "chen", "wang", "kim", "nguyen", "rossi",
  "bianchi", "novak", "kowalski", "silva", "santos", "cohen", "ahmed", "hughes", "clarke", "reid", "campbell", "young",
  "wright", "green", "hall", "baker", "king", "lee", "lewis", "walker", "moore", "ward", "price", "bell", "fox",
];

/** Handle words by a person's top topic, so a handle sometimes hints at what they follow. */
export const handleWords: Record<Topic, string[]> = {
  fitness: ["lifts", "fit", "moves", "strong"],
  running: ["runs", "miles", "pace", "strides"],
  yoga: ["flows", "zen", "yogi"],
  nutrition: ["eats", "kitchen", "greens"],
  outdoor: ["hikes", "outdoors", "peaks", "trails"],
  travel: ["travels", "roams", "abroad"],
  fashion: ["style", "fits", "looks"],
  tech: ["tech", "geek", "codes", "data"],
  sustainability: ["green", "eco", "planet"],
  deals: ["shops", "saves", "deals", "finds"],
};

export const cities: Record<string, string[]> = {
  GB: ["London", "Manchester", "Bristol", "Leeds", "Edinburgh", "Glasgow", "Brighton"],
  US: ["New York", "Austin", "Denver", "Seattle", "Chicago", "Boston", "San Diego"],
  DE: ["Berlin", "Munich", "Hamburg", "Cologne"],
  FR: ["Paris", "Lyon", "Bordeaux"],
  NL: ["Amsterdam", "Utrecht", "Rotterdam"],
  IE: ["Dublin", "Cork", "Galway"],
  ES: ["Madrid", "Barcelona", "Valencia"],
  SE: ["Stockholm", "Gothenburg", "Malmo"],
  CA: ["Toronto", "Vancouver", "Calgary"],
  AU: ["Sydney", "Melbourne", "Brisbane"],
};

const countryNames = ["the UK", "Ireland", "Germany", "the US", "Canada", "Australia", "Sweden", "Spain"];

/** ISO 639-1 language (upper-cased, as the user service stores it) by country: the local one or English. */
export const languagesOf: Record<string, Array<[string, number]>> = {
  GB: [["EN", 1]],
  US: [["EN", 0.9], ["ES", 0.1]],
  IE: [["EN", 0.95], ["GA", 0.05]],
  CA: [["EN", 0.8], ["FR", 0.2]],
  AU: [["EN", 1]],
  DE: [["DE", 0.75], ["EN", 0.25]],
  FR: [["FR", 0.85], ["EN", 0.15]],
  NL: [["NL", 0.6], ["EN", 0.4]],
  ES: [["ES", 0.85], ["EN", 0.15]],
  SE: [["SV", 0.6], ["EN", 0.4]],
};

export const displayEmoji = ["🏃‍♀️", "🌿", "✨", "💪", "🏔️", "☕", "🌍", "⚡"];
