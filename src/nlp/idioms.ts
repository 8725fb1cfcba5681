/**
 * Negation idioms: phrases whose "can't", "never" or "no" does not negate what follows, which wink-nlp's
 * negation reads literally ("Can't recommend it enough" scored −0.45, "can't stop smiling" −0.4, "I can't
 * believe how good this is" −0.78, "couldn't be better" −0.5) or whose words the lexicon lacks ("Can't wait!"
 * scored 0, "second to none" 0). Each is rewritten, before the lexicon reads the text, to words whose score
 * is the idiom's: the negator dropped where the idiom only intensifies ("can't believe how bad" stays
 * negative, "can't stop crying" too), a lexicon word where the idiom has a polarity of its own. The brand's
 * vocabulary rules are applied first, so a brand can still give any of these phrases its own polarity.
 *
 * Hand-written (no library lists these; VADER's idioms are others: "the bomb", "yeah right"). Each rewrite is
 * checked in `test/unit/idioms.test.ts`, and their effect on the dev corpora is in the README (*Sentiment*).
 */

/**
 * Lexicon words by the score wink gives each alone. A brand's vocabulary rule (`./sentiment`) and a rating
 * (below) rewrite their phrase to the word nearest their polarity before scoring, so wink's negation and
 * sentence rules still apply to it ("not sick" → "not good" → negative), and the rest of the text keeps its
 * own words.
 */
const ladder: readonly [string, number][] = [
  ["outstanding", 1],
  ["superb", 0.938],
  ["nice", 0.825],
  ["good", 0.776],
  ["pleasant", 0.75],
  ["helpful", 0.625],
  ["great", 0.6],
  ["decent", 0.563],
  ["fine", 0.4],
  ["easy", 0.292],
  ["cool", 0.2],
  ["thing", 0],
  ["broken", -0.2],
  ["wrong", -0.25],
  ["sad", -0.292],
  ["poor", -0.4],
  ["bad", -0.6],
  ["hate", -0.688],
  ["disappointing", -0.8],
  ["horrible", -1],
];

export function ladderWord(polarity: number): string {
  let best = ladder[0];
  for (const step of ladder) if (Math.abs(step[1] - polarity) < Math.abs(best[1] - polarity)) best = step;
  return best[0];
}

/** "can't", "cant", "can’t", "cannot", "can not", "couldn't", "could not". */
const cannot = String.raw`(?:can['’]?t|cannot|can\s+not|couldn['’]?t|could\s+not)`;

interface Idiom {
  /** A name for the idiom, as `rewriteIdioms` reports it. */
  name: string;
  /** The idiom, matched case-insensitively between word boundaries. */
  pattern: string;
  /** What replaces it (`$1`… are the pattern's groups), or a function of the match and its groups. */
  replacement: string | ((match: string, ...groups: string[]) => string);
}

const numberWords: Readonly<Record<string, number>> = { zero: 0, "half a": 0.5, one: 1, two: 2, three: 3, four: 4, five: 5 };

/**
 * A rating's polarity: 60% of the scale is neutral, the top +1 and 20% or less −1, linear between (5/5 → +1,
 * 4/5 → +0.5, 3/5 → 0, 2/5 → −0.5; 9/10 → +0.75, 7/10 → +0.25, 5/10 → −0.25). An impossible one (6/5) is left alone.
 */
export function ratingPolarity(value: number, of: number): number | null {
  if (!(value >= 0 && value <= of && of > 0)) return null;
  return Math.max(-1, Math.min(1, (value / of - 0.6) * 2.5));
}

function rating(match: string, value: string, of: string): string {
  const polarity = ratingPolarity(numberWords[value.toLowerCase().replace(/\s+/g, " ")] ?? Number(value), Number(of));
  return polarity === null ? match : ladderWord(polarity);
}

export const idioms: readonly Idiom[] = [
  // Anticipation: positive ("Can't wait for the launch!").
  { name: "can't wait", pattern: String.raw`${cannot}\s+wait`, replacement: "excited" },
  // Intensifiers: the negator goes, the rest keeps its own polarity.
  // "can't believe" alone is as often dismay ("I can't believe the season is over :("): only its exclamative form.
  { name: "can't believe how", pattern: String.raw`${cannot}\s+believe\s+how`, replacement: "how" },
  { name: "can't stop", pattern: String.raw`${cannot}\s+stop`, replacement: "keep" },
  // Only verbs of praise: "could not get strong enough signal" is a complaint.
  { name: "can't recommend … enough", pattern: String.raw`${cannot}\s+((?:recommend|thank|praise|say|write|rave)\s+(?:[\p{L}'’]+\s+){0,3}?)enough`, replacement: "$1enough" },
  { name: "can't get enough of", pattern: String.raw`${cannot}\s+get\s+enough\s+of`, replacement: "love" },
  { name: "couldn't be better / worse", pattern: String.raw`${cannot}\s+(be|get)\s+(?:any\s+|much\s+)?(better|worse)`, replacement: "$1 $2" },
  // Praise written as a negation.
  { name: "couldn't ask for more", pattern: String.raw`${cannot}\s+ask\s+for\s+(?:a\s+|an\s+|anything\s+)?(?:more|better)`, replacement: "perfect" },
  { name: "couldn't agree more", pattern: String.raw`${cannot}\s+agree\s+more`, replacement: "agree completely" },
  { name: "can't fault", pattern: String.raw`${cannot}\s+fault`, replacement: "flawless" },
  { name: "can't beat", pattern: String.raw`(?:can['’]?t|cannot|can\s+not)\s+beat\s+(?:the|that|this|these|those)\s+(?:price|prices|value|quality|deal|deals)`, replacement: "great value" },
  { name: "can't live without", pattern: String.raw`${cannot}\s+live\s+without`, replacement: "love" },
  { name: "wouldn't change a thing", pattern: String.raw`(?:would|will)(?:n['’]?t|\s+not)\s+change\s+a\s+thing`, replacement: "perfect" },
  { name: "never fails to", pattern: String.raw`never\s+fails\s+to`, replacement: "always" },
  // "No doubt the best" was negative (the negation reached "best"); "no doubt about it" alone is left as wink reads it (mildly positive).
  { name: "no doubt", pattern: String.raw`no\s+doubt(?!\s+about)`, replacement: "undoubtedly" },
  { name: "second to none", pattern: String.raw`second\s+to\s+none`, replacement: "outstanding" },
  { name: "not too shabby", pattern: String.raw`not\s+(?:too\s+|so\s+|that\s+|bad\s+|half\s+)?shabby`, replacement: "decent" },
  // Slang: "no cap" (no lie) is not a negation ("no cap best hoodie" read "best" negated).
  { name: "no cap", pattern: String.raw`no\s+cap`, replacement: "honestly" },
  // Ratings: wink scored "1 star" positive (its "star") and "10/10" not at all. Stars are out of 5. A fraction
  // is also a date ("Launch 9/10", "Sale starts 1/5"), so it is a rating only after "rate", "rating", "score",
  // "verdict" or "gave it" ("I rate this movie 9/10"), or when it cannot be a date: 10/10, 0/10, a decimal (8.5/10).
  { name: "rating in stars", pattern: String.raw`(\d(?:\.5)?|zero|half\s+a|one|two|three|four|five)[\s-]+stars?(?!\s+movement)`, replacement: (m, value) => rating(m, value, "5") },
  {
    name: "rating out of 5 or 10",
    pattern: String.raw`((?:rat(?:e|ed|ing)|scored?|verdict|gave\s+it|give\s+it)[\s:]+(?:[\p{L}'’]+\s+){0,3}?)(\d{1,2}(?:\.\d)?)\s*\/\s*(10|5)(?![\d/])`,
    replacement: (m, cue, value, of) => {
      const word = rating(m, value, of);
      return word === m ? m : cue + word;
    },
  },
  // "10/10" is also 10 October: not a rating after a word that introduces a date ("on 10/10", "until 10/10"), before
  // a time ("10/10 at 7pm", "10/10 8:30") or in a range ("10/10 - 10/12", "10/10 to 10/14").
  {
    name: "10/10, 0/10",
    pattern: String.raw`(?<!\b(?:on|by|until|till|til|from|since|before|after|due|thru|through|starting|starts|ends|ending|date|dated)\s+)(?<![\d/.])(10|0|\d\.\d)\s*\/\s*(10|5)(?![\d/])(?!\s*(?:at|@|[-–—]|to|till|until|thru|through)?\s*\d)`,
    replacement: rating,
  },
  // Complaint written as a negation.
  { name: "can't stand", pattern: String.raw`${cannot}\s+stand`, replacement: "hate" },
  { name: "don't waste your money", pattern: String.raw`(?:don['’]?t|do\s+not)\s+waste\s+(your|ur|my|any)\s+(money|time)`, replacement: "waste $1 $2" },
];

/**
 * All idioms in one pattern, each in a group of its own, between word boundaries: one scan finds them left to
 * right (at one place, the first listed wins). The patterns applied one after another cost about 9 µs on a text
 * with an idiom, this about 4.
 */
const combined = new RegExp(String.raw`(?<![\p{L}\p{N}_#@'’])(?:${idioms.map((i) => `(${i.pattern})`).join("|")})(?![\p{L}\p{N}_])`, "giu");
/** Where each idiom's group is among the combined pattern's groups, and how many groups of its own it has. */
const groups = (() => {
  let next = 1;
  return idioms.map((idiom) => {
    const own = new RegExp(`${idiom.pattern}|`, "u").exec("")!.length - 1;
    const at = next;
    next += 1 + own;
    return { at, own };
  });
})();

function isDigit(code: number | undefined): boolean {
  return code !== undefined && code >= 48 && code <= 57;
}

/**
 * Whether a text may hold an idiom, read from the token normals the analyser has anyway: wink-nlp gives
 * "can't", "cant", "cannot", "couldn't", "don't" and "won't" as a word and "not", so every idiom shows as one
 * of these pairs or words ("can not", "no doubt", "never fails", "second to", "star", a number with a slash, …).
 * Map-free comparisons over the tokens cost far less than the patterns' scan (about 5 µs a text), which then
 * runs for the few texts that pass (90 of the 3,493 demo texts hold an idiom); `test/unit/idioms.test.ts`
 * checks that no text with an idiom fails this, on the demo texts and every text of the shared corpora.
 */
export function mayHaveIdiom(normals: readonly string[]): boolean {
  for (let i = 0; i < normals.length; i++) {
    const n = normals[i];
    switch (n) {
      case "not": {
        const before = normals[i - 1];
        if (before === "can" || before === "could" || before === "do" || before === "would" || before === "will") return true;
        break;
      }
      case "no": {
        const after = normals[i + 1];
        if (after === "doubt" || after === "cap") return true;
        break;
      }
      case "never":
        if (normals[i + 1] === "fails") return true;
        break;
      case "second":
        if (normals[i + 1] === "to") return true;
        break;
      case "shabby":
      case "star":
      case "stars":
        return true;
      case "/": // "10 / 10"
        if (isDigit(normals[i - 1]?.charCodeAt(0))) return true;
        break;
      default:
        // "10/10", "8.5/10" (a URL has a slash too, but not after a leading digit).
        if (isDigit(n.charCodeAt(0)) && n.includes("/")) return true;
    }
  }
  return false;
}

/** The text with every negation idiom rewritten, and the idioms that matched, in the text's order (none: the text itself). */
export function rewriteIdioms(text: string): { text: string; matched: string[] } {
  const matched: string[] = [];
  const out = text.replace(combined, (match: string, ...args: unknown[]) => {
    const k = groups.findIndex((g) => args[g.at - 1] !== undefined);
    const idiom = idioms[k];
    if (!matched.includes(idiom.name)) matched.push(idiom.name);
    const own = args.slice(groups[k].at, groups[k].at + groups[k].own) as string[];
    return typeof idiom.replacement === "string" ? idiom.replacement.replace(/\$(\d)/g, (_, d: string) => own[Number(d) - 1] ?? "") : idiom.replacement(match, ...own);
  });
  return { text: out, matched };
}
