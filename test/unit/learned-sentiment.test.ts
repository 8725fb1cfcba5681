import {
  intoBand,
  sentimentModelFromJSON,
  trainSentimentModel,
  type SentimentExample,
  type SentimentModel,
} from "../../src/nlp/learned-sentiment";
import type { SentimentLabel } from "../../src/nlp/sentiment";

/**
 * Real wink-nlp, real training on hand-made data. The toy words ("blorp", "zint", "quoob") are in no
 * lexicon and have no word vector, so only the learned sparse weights can tell them apart.
 */

const subjects = ["the tour", "my order", "this app", "the update", "our visit", "the show", "that menu", "the ride"];

function toy(): SentimentExample[] {
  const out: SentimentExample[] = [];
  subjects.forEach((s, i) => {
    out.push({ text: `${s} was blorp, really blorp`, label: "positive" });
    out.push({ text: `honestly ${s} felt blorp today`, label: "positive" });
    out.push({ text: `${s} was zint, really zint`, label: "negative" });
    out.push({ text: `honestly ${s} felt zint today`, label: "negative" });
    out.push({ text: `${s} is at ${i + 2} pm on the quoob`, label: "neutral" });
    out.push({ text: `the quoob lists ${s} for monday`, label: "neutral" });
  });
  return out;
}

const fast = { embeddings: false, folds: 3, seed: 7 } as const;

let toyModel: SentimentModel;
beforeAll(() => {
  toyModel = trainSentimentModel(toy(), fast).model;
});

describe("trainSentimentModel", () => {
  it("learns a toy vocabulary no lexicon knows", () => {
    const [pos, neg, neu] = toyModel.predict(["a blorp evening", "a zint evening", "the quoob for friday"]);
    expect(pos.label).toBe("positive");
    expect(neg.label).toBe("negative");
    expect(neu.label).toBe("neutral");
    expect(pos.score).toBeGreaterThan(0);
    expect(neg.score).toBeLessThan(0);
    for (const p of [pos, neg, neu]) {
      expect(p.probabilities.negative + p.probabilities.neutral + p.probabilities.positive).toBeCloseTo(1, 10);
      expect(p.score).toBe(Math.max(-1, Math.min(1, p.probabilities.positive - p.probabilities.negative)));
    }
    expect(toyModel.classes).toEqual(["negative", "neutral", "positive"]);
  });

  it("flips with negation (wink's negation scope)", () => {
    const examples: SentimentExample[] = [];
    for (const s of subjects) {
      examples.push({ text: `we love ${s}`, label: "positive" }, { text: `we really love ${s}`, label: "positive" });
      examples.push({ text: `we do not love ${s}`, label: "negative" }, { text: `we really don't love ${s}`, label: "negative" });
    }
    const { model } = trainSentimentModel(examples, fast);
    const [plain, negated] = model.predict(["we love the garden", "we do not love the garden"]);
    expect(plain.label).toBe("positive");
    expect(negated.label).toBe("negative");
  });

  it("is deterministic for a seed", () => {
    const again = trainSentimentModel(toy(), fast).model;
    expect(JSON.stringify(again.toJSON())).toBe(JSON.stringify(toyModel.toJSON()));
  });

  it("keeps to the trained classes on a 2-class corpus", () => {
    const binary = toy().filter((e) => e.label !== "neutral");
    const { model } = trainSentimentModel(binary, fast);
    expect(model.classes).toEqual(["negative", "positive"]);
    const predictions = model.predict(["the quoob for friday", "", "a blorp evening", "a zint evening"]);
    for (const p of predictions) {
      expect(p.label).not.toBe("neutral");
      expect(p.probabilities.neutral).toBe(0);
    }
    expect(predictions[2].label).toBe("positive");
    expect(predictions[3].label).toBe("negative");
  });

  it("says which share of a text's words it has a word feature for (knownWords)", () => {
    // The toy vocabulary holds every word seen twice: "the", "tour", "was", "blorp", … but not "a", "not" or "evening".
    const [all, third, foreign, emoji, negated] = toyModel.predict(["the tour was blorp", "a blorp evening", "Das ist sehr gut", "🙂", "the tour was not blorp"]);
    expect(all.knownWords).toBe(1);
    expect(third.knownWords).toBeCloseTo(1 / 3, 12);
    expect(foreign.knownWords).toBe(0);
    expect(emoji.knownWords).toBe(1); // no words: nothing unknown
    expect(negated.knownWords).toBeCloseTo(4 / 5, 12); // "blorp" in negation scope counts as known; "not" is unknown
  });

  it("answers empty, huge and non-English texts", () => {
    const huge = "the tour was blorp. ".repeat(2000); // 40,000 characters: cut to the first 10,000
    const [empty, big, chinese, russian] = toyModel.predict(["", huge, "这个产品非常好，我很喜欢", "Это ужасно"]);
    for (const p of [empty, big, chinese, russian]) {
      expect(Number.isFinite(p.score)).toBe(true);
      expect(["negative", "neutral", "positive"]).toContain(p.label);
    }
    expect(big.label).toBe("positive");
  });

  it("reports its cross-validation and describes itself", () => {
    const { crossValidation, model } = trainSentimentModel(toy(), fast);
    // No gold scores: macro recall with balanced class weights, one candidate per penalty.
    expect(crossValidation.chosen).toMatchObject({ metric: "macroRecall", classWeight: "balanced", labelFrom: "classifier", ridgeLambda: null, refitRidgeLambda: null });
    // The penalty chosen on 2 of 3 folds' rows, scaled by 2/3 for the fit on all of them (mean loss: λ ∝ 1/n).
    const { lambda, refitLambda } = crossValidation.chosen as { lambda: number; refitLambda: number };
    expect([1e-3, 3e-4, 1e-4]).toContain(lambda);
    expect(refitLambda / lambda).toBeCloseTo(2 / 3, 5); // stored to 6 significant digits
    expect(crossValidation.candidates).toHaveLength(3);
    for (const c of crossValidation.candidates) expect(c.metrics.macroRecall).toBeGreaterThan(0.9);
    const d = model.describe();
    expect(d.algorithm).toMatch(/^softmax regression/);
    expect(d.vocabulary).toBeGreaterThan(10);
    const blorp = d.topFeatures.filter((f) => f.label === "positive").map((f) => f.feature);
    expect(blorp.some((f) => f.includes("blorp") || f.includes("lor"))).toBe(true);
  });

  it("regresses the gold score when every example has one", () => {
    const examples = toy().map((e) => ({ ...e, score: e.label === "positive" ? 0.6 : e.label === "negative" ? -0.6 : 0 }));
    const { model, crossValidation } = trainSentimentModel(examples, fast);
    expect(crossValidation.chosen).toMatchObject({ metric: "accuracy", classWeight: "none" });
    expect(crossValidation.candidates.some((c) => c.params.model === "scoreBand" && typeof c.metrics.pearson === "number")).toBe(true);
    const [pos, neg] = model.predict(["a blorp evening", "a zint evening"]);
    expect(pos.score).toBeGreaterThan(0.2);
    expect(neg.score).toBeLessThan(-0.2);
    expect(model.toJSON().ridge).not.toBeNull();
  });

  it("keeps the score regressor when a few examples have no score (trained on those that do), and drops it when most lack one", () => {
    const scoredToy = toy().map((e) => ({ ...e, score: e.label === "positive" ? 0.6 : e.label === "negative" ? -0.6 : 0 }));
    const few = scoredToy.map((e, i) => (i % 10 === 0 ? { ...e, score: null } : e));
    const { model, crossValidation } = trainSentimentModel(few, fast);
    expect(model.toJSON().ridge).not.toBeNull();
    const band = crossValidation.candidates.find((c) => c.params.model === "scoreBand");
    expect(band?.metrics.pearson).toBeGreaterThan(0.5);
    expect(model.predict(["a blorp evening"])[0].score).toBeGreaterThan(0.2);
    const most = scoredToy.map((e, i) => (i % 10 !== 0 ? { ...e, score: null } : e));
    expect(trainSentimentModel(most, fast).model.toJSON().ridge).toBeNull();
  });

  it("refuses too few examples, a single class and bad rows, saying what it found", () => {
    expect(() => trainSentimentModel(toy().slice(0, 10), fast)).toThrow("trainSentimentModel: expected at least 20 labelled examples, found 10");
    const single = toy().map((e) => ({ ...e, label: "positive" as SentimentLabel }));
    expect(() => trainSentimentModel(single, fast)).toThrow('trainSentimentModel: expected examples of at least 2 labels, found only "positive"');
    const bad = toy();
    bad[3] = { text: "x", label: "happy" as SentimentLabel };
    expect(() => trainSentimentModel(bad, fast)).toThrow('expected examples[3].label to be one of negative, neutral, positive, found "happy"');
    const badScore = toy();
    badScore[0] = { ...badScore[0], score: 4 };
    expect(() => trainSentimentModel(badScore, fast)).toThrow("expected examples[0].score to be null or a number in [-1, 1], found 4");
    const rare = [...toy().filter((e) => e.label !== "neutral"), { text: "the quoob", label: "neutral" as SentimentLabel }];
    expect(() => trainSentimentModel(rare, fast)).toThrow('expected at least 3 examples of each label for 3-fold cross-validation, found 1 "neutral"');
  });
});

describe("sentimentModelFromJSON", () => {
  const texts = ["a blorp evening", "a zint evening", "the quoob for friday", "", "Это ужасно 😡", "x".repeat(12_000)];

  it("predicts identically after toJSON → JSON.stringify → parse", () => {
    const restored = sentimentModelFromJSON(JSON.parse(JSON.stringify(toyModel.toJSON())));
    expect(restored.predict(texts)).toEqual(toyModel.predict(texts));
    expect(restored.classes).toEqual(toyModel.classes);
    expect(restored.describe()).toEqual(toyModel.describe());
  });

  it("round-trips a model with word embeddings (the folded per-word table) and a score regressor", () => {
    const examples = toy().map((e) => ({ ...e, text: `${e.text} ${e.label === "positive" ? "wonderful" : e.label === "negative" ? "dreadful" : "table"}`, score: e.label === "positive" ? 0.5 : e.label === "negative" ? -0.5 : 0 }));
    const { model } = trainSentimentModel(examples, { seed: 3 });
    const json = model.toJSON();
    expect(json.embedding).not.toBeNull();
    expect(json.embedding!.words.length).toBeGreaterThan(30_000);
    expect(json.embedding!.table.length).toBe(json.embedding!.words.length * 4); // 3 classes + the score
    const restored = sentimentModelFromJSON(JSON.parse(JSON.stringify(json)));
    const probe = [...texts, "what a wonderful morning", "a dreadful morning"];
    expect(restored.predict(probe)).toEqual(model.predict(probe));
  }, 120_000);

  it("loads a model trained before a dense feature was added, which reads only its own dense features", () => {
    const json = toyModel.toJSON();
    const K = json.classes.length;
    const V = json.vocabulary.length;
    const added = ["liu.positive", "liu.negative"];
    const rows = json.features.dense.map((name, d) => ({ name, d })).filter((r) => added.includes(r.name));
    expect(rows).toHaveLength(2);
    // The same model with zero weight on the added features ...
    const zeroed = { ...json, weights: json.weights.slice() };
    for (const { d } of rows) for (let k = 0; k < K; k++) zeroed.weights[(V + d) * K + k] = 0;
    // ... and as an older version stored it, without those features at all.
    const older = {
      ...zeroed,
      features: { ...json.features, dense: json.features.dense.filter((n) => !added.includes(n)) },
      weights: zeroed.weights.filter((_, i) => !rows.some((r) => Math.floor(i / K) === V + r.d)),
    };
    expect(older.weights).toHaveLength((V + older.features.dense.length) * K);
    const probe = [...texts, "Great phone, but the battery is flimsy", "This is not great"];
    const restored = sentimentModelFromJSON(JSON.parse(JSON.stringify(older)));
    expect(restored.predict(probe)).toEqual(sentimentModelFromJSON(zeroed).predict(probe));
    expect(restored.toJSON().features.dense).toEqual(older.features.dense);
    // A model stored before emoji counted among the lexicon's tokens keeps reading text without them.
    expect(toyModel.toJSON().features.emojiValence).toBe(true);
    const { emojiValence: _flag, ...withoutFlag } = json.features;
    void _flag;
    expect(sentimentModelFromJSON(JSON.parse(JSON.stringify({ ...json, features: withoutFlag }))).toJSON().features.emojiValence).toBe(false);
    expect(() => sentimentModelFromJSON({ ...json, features: { ...json.features, emojiValence: "yes" } })).toThrow(/features\.emojiValence to be a boolean/);
    expect(() => sentimentModelFromJSON({ ...json, features: { ...json.features, dense: [...json.features.dense.slice(1), "afinn.score"] } })).toThrow(
      "expected distinct dense features among wink.score",
    );
  });

  it("refuses a foreign tag, another version and a malformed body", () => {
    const json = toyModel.toJSON();
    expect(() => sentimentModelFromJSON({ ...json, name: "randomForestClassifier" })).toThrow('Invalid learned sentiment model: expected name "learnedSentiment", found "randomForestClassifier"');
    expect(() => sentimentModelFromJSON({ ...json, version: 99 })).toThrow("Invalid learned sentiment model: expected version 1, found 99");
    expect(() => sentimentModelFromJSON({ ...json, weights: json.weights.slice(1) })).toThrow(/expected weights to be an array of \d+ numbers/);
    expect(() => sentimentModelFromJSON({ ...json, classes: ["positive"] })).toThrow(/expected 2 or 3 distinct labels/);
    expect(() => sentimentModelFromJSON({ ...json, features: { ...json.features, charMax: 9 } })).toThrow("expected features.charMax = 4 (this code's feature set), found 9");
    expect(() => sentimentModelFromJSON(null)).toThrow("Invalid learned sentiment model: expected an object, found null");
    expect(() => sentimentModelFromJSON("{}")).toThrow("Invalid learned sentiment model: expected an object, found string");
  });
});

describe("intoBand: a learned score kept inside its label's band (|score| < 0.05 is NEUTRAL)", () => {
  it.each([
    [0.0335, "positive", 0.05],
    [0.7, "positive", 0.7],
    [-0.2, "positive", 0.05],
    [0.01, "negative", -0.05],
    [-0.3, "negative", -0.3],
    [0.2, "neutral", 0.0499],
    [-0.05, "neutral", -0.0499],
    [0.03, "neutral", 0.03],
  ] as const)("%p labelled %s → %p", (score, label, expected) => {
    expect(intoBand(score, label)).toBe(expected);
  });
});
