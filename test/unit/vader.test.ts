import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { vaderLexicon, vaderScores, vaderTokens } from "../../src/nlp/vader";

/** The package this port must equal (its own `polarity_scores`). */
const reference = (require("vader-sentiment") as { SentimentIntensityAnalyzer: { polarity_scores(text: string): unknown } }).SentimentIntensityAnalyzer;

describe("vaderScores: hand-checked", () => {
  it.each([
    // good = 1.9: 1.9 / √(1.9² + 15)
    ["good", { neg: 0, neu: 0, pos: 1, compound: 0.4404 }],
    // negated: 1.9 × −0.74 = −1.406 → −1.406 / √(1.406² + 15); neg (1.406 + 1) / (2.406 + 1 neutral word)
    ["not good", { neg: 0.706, neu: 0.294, pos: 0, compound: -0.3412 }],
    // booster: 1.9 + 0.293 = 2.193 → 0.4927; pos 3.193 / 4.193
    ["very good", { neg: 0, neu: 0.238, pos: 0.762, compound: 0.4927 }],
    // bad = −2.5, in capitals among other words −0.733; "but" halves what precedes it and weights what follows 1.5:
    // 0.95 − 4.8495 = −3.8995, two "!" −0.584 → −4.4835 / √(4.4835² + 15)
    ["Good, but BAD!!", { neg: 0.686, neu: 0.107, pos: 0.208, compound: -0.7568 }],
    ["", { neg: 0, neu: 0, pos: 0, compound: 0 }],
    ["!!!", { neg: 0, neu: 1, pos: 0, compound: 0 }],
  ])("%j", (text, expected) => {
    expect(vaderScores(text)).toEqual(expected);
    expect(reference.polarity_scores(text)).toEqual(expected);
  });

  it("tokenises as the package does: one listed punctuation mark around a word is cut, anything else is kept", () => {
    expect(vaderTokens("Good, (bad) 'ok' -nice !!!wow !!!!wow a !? :) x!?!")).toEqual(["Good", "(bad)", "'ok'", "nice", "wow", "!!!!wow", "!?", ":)", "x!?!"]);
  });
});

describe("vaderScores equals vader-sentiment's polarity_scores", () => {
  const P = [".", "!", "?", ",", ";", ":", "-", "'", '"', "!!", "!!!", "??", "???", "?!?", "!?!", "?!?!", "!?!?", "(", ")", "...", "*"];
  const extra = ["but", "BUT", "not", "never", "so", "this", "least", "at", "very", "kind", "of", "sort", "the", "shit", "bomb", "yeah", "right", "isn't", "don't", "KIND", "OF", "cut", "mustard", "kiss", "death", "hand", "to", "mouth", "bad", "ass", "just", "enough", "REALLY", "extremely", "barely", "a", "I", "!", "?", ":)", ":-(", "constructor", "__proto__", "toString", "😀", "\u00a0"];
  const words = [...vaderLexicon.keys()];

  it("on 5,000 generated texts (lexicon words, boosters, negations, idioms, capitals, punctuation)", () => {
    let state = 7;
    const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T>(a: readonly T[]) => a[Math.floor(random() * a.length)];
    const mismatches: string[] = [];
    for (let n = 0; n < 5000; n++) {
      const parts: string[] = [];
      const length = 1 + Math.floor(random() * 12);
      for (let i = 0; i < length; i++) {
        let w = random() < 0.5 ? pick(words) : pick(extra);
        const c = random();
        if (c < 0.1) w = w.toUpperCase();
        else if (c < 0.15) w = w[0].toUpperCase() + w.slice(1);
        const q = random();
        if (q < 0.15) w += pick(P);
        else if (q < 0.22) w = pick(P) + w;
        else if (q < 0.25) w = pick(P) + w + pick(P);
        parts.push(w);
      }
      const text = parts.join(random() < 0.9 ? " " : "\t");
      if (JSON.stringify(vaderScores(text)) !== JSON.stringify(reference.polarity_scores(text))) mismatches.push(text);
    }
    expect(mismatches).toEqual([]);
  });

  const dir = path.resolve(__dirname, "../../../shared/data/sentiment");
  const present = existsSync(dir);
  (present ? it : it.skip)(present ? "on every text of the shared sentiment corpora" : `on every text of the shared sentiment corpora — SKIPPED: ${dir} not found`, () => {
    let texts = 0;
    const mismatches: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".tsv"))) {
      for (const line of readFileSync(path.join(dir, file), "utf8").split("\n").slice(1)) {
        const text = line.split("\t").slice(2).join("\t");
        if (!text) continue;
        texts++;
        if (JSON.stringify(vaderScores(text)) !== JSON.stringify(reference.polarity_scores(text))) mismatches.push(`${file}: ${text}`);
      }
    }
    expect(texts).toBeGreaterThan(10_000);
    expect(mismatches).toEqual([]);
  });
});
