import { decideSentiment, learnedFallback, minKnownWords } from "../../src/nlp/learned/decide";

// Which answer a learned sentiment version gives: the model's, or the lexicon's for empty text and for
// text the lexicon takes for another language when the model knows too few of its words.
const lexicon = { score: 0.4, label: "positive" as const, language: "en" };
const model = { score: -0.3, label: "negative" as const, knownWords: 1 };

describe("learnedFallback", () => {
  it("leaves empty and blank text to the lexicon", () => {
    expect(learnedFallback("", lexicon, model)).toBe("EMPTY");
    expect(learnedFallback(" \u0007\n ", lexicon, model)).toBe("EMPTY");
  });
  it("leaves text in another language to the lexicon only when the model knows fewer than a third of its words", () => {
    expect(minKnownWords).toBeCloseTo(1 / 3, 12);
    const other = { ...lexicon, language: "other" };
    expect(learnedFallback("Das ist sehr gut", other, { knownWords: 0 })).toBe("OTHER_LANGUAGE");
    expect(learnedFallback("Das ist sehr gut", other, { knownWords: 0.25 })).toBe("OTHER_LANGUAGE");
    expect(learnedFallback("Ramen and sushi = heaven. (@anonymous Umami w/ 4 others)", other, { knownWords: 1 / 3 })).toBeNull();
    expect(learnedFallback("an English text of rare words", lexicon, { knownWords: 0 })).toBeNull();
  });
});

describe("decideSentiment", () => {
  it("takes the model's score and label unless it falls back, and says why", () => {
    expect(decideSentiment("the deck slaps", lexicon, model)).toEqual({ score: -0.3, label: "negative", fallback: null });
    expect(decideSentiment("", { score: 0, label: "neutral", language: "en" }, model)).toEqual({ score: 0, label: "neutral", fallback: "EMPTY" });
    expect(decideSentiment("Das ist sehr gut", { ...lexicon, language: "other" }, { ...model, knownWords: 0 })).toEqual({ score: 0.4, label: "positive", fallback: "OTHER_LANGUAGE" });
  });
});
