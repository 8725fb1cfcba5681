import { analyzeText, denseFeatureNames } from "../../src/nlp/learned/features";

/** The learned sentiment model's dense features of one text, by name (real wink-nlp and VADER). */
function dense(text: string): Record<(typeof denseFeatureNames)[number], number> {
  const a = analyzeText(text);
  expect(a.dense).toHaveLength(denseFeatureNames.length);
  return Object.fromEntries(denseFeatureNames.map((name, i) => [name, a.dense[i]])) as Record<(typeof denseFeatureNames)[number], number>;
}

describe("learned sentiment features: Bing Liu's opinion words", () => {
  it("counts each polarity's words over √(words)", () => {
    // 7 words: "great" is a positive opinion word, "flimsy" a negative one (review vocabulary VADER lacks).
    const d = dense("Great phone, but the battery is flimsy");
    expect(d.words).toBeCloseTo(Math.log1p(7) / 4, 12);
    expect(d["liu.positive"]).toBeCloseTo(1 / Math.sqrt(7), 12);
    expect(d["liu.negative"]).toBeCloseTo(1 / Math.sqrt(7), 12);
  });

  it("flips a word's polarity inside a negation's scope", () => {
    // 4 words, "great" negated: one negative word over √4.
    expect(dense("This is not great")).toMatchObject({ "liu.positive": 0, "liu.negative": 0.5 });
    // 7 words, "flimsy" negated: one positive word over √7.
    const d = dense("The screen is not flimsy at all");
    expect(d["liu.positive"]).toBeCloseTo(1 / Math.sqrt(7), 12);
    expect(d["liu.negative"]).toBe(0);
  });

  it("ignores the words the lexicon lists as both positive and negative, and empty text", () => {
    expect(dense("The envious neighbour")).toMatchObject({ "liu.positive": 0, "liu.negative": 0 });
    expect(dense("")).toMatchObject({ "liu.positive": 0, "liu.negative": 0, words: 0 });
  });
});

describe("learned sentiment features: emoji among the lexicon's tokens", () => {
  // Emoji Sentiment Ranking counts: 😍 6359 tweets, 329 negative, 4640 positive → (4641 − 330) / 6362;
  // 👎 258 tweets, 128 negative, 79 positive → (80 − 129) / 261 (Laplace-smoothed, as the paper scores them).
  const heartEyes = (4640 + 1 - (329 + 1)) / (6359 + 3);
  const thumbsDown = (79 + 1 - (128 + 1)) / (258 + 3);

  it("counts an emoji like a VADER word of its Emoji Sentiment Ranking score", () => {
    const d = dense("Got my order 😍");
    expect(d["lexicon.positive"]).toBeCloseTo(Math.tanh(heartEyes), 12);
    expect(d["lexicon.positiveWords"]).toBeCloseTo(Math.log1p(1), 12);
    expect(d["lexicon.max"]).toBeCloseTo(heartEyes, 12);
    const n = dense("Got my order 👎");
    expect(n["lexicon.negative"]).toBeCloseTo(Math.tanh(-thumbsDown), 12);
    expect(n["lexicon.min"]).toBeCloseTo(thumbsDown, 12);
  });

  it("reads an emoji with a variation selector as the emoji, and leaves emoji out for models stored before", () => {
    expect(dense("Got my order ❤️")["lexicon.positive"]).toBeGreaterThan(0.5);
    const without = analyzeText("Got my order 😍", { emojiValence: false }).dense[denseFeatureNames.indexOf("lexicon.positive")];
    expect(without).toBe(0);
  });
});
