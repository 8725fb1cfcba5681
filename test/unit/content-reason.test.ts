import { buildContentIndex, topSharedFeatureIndex, userProfile } from "../../src/ml/recommend/content";

describe("topSharedFeatureIndex (the reason of a content recommendation)", () => {
  // Five posts: "plans" in three texts (twice in post 0), #hiking on three posts, post 4 shares nothing with post 0.
  // For a reader of post 0, post 2's shared weight: "plans" 0.257, #hiking 0.128 (half), its video medium 0.
  const index = buildContentIndex([
    ["word:plans", "word:plans", "hashtag:hiking", "media:PHOTO"],
    ["word:other", "hashtag:hiking", "media:VIDEO"],
    ["word:plans", "hashtag:hiking", "media:VIDEO"],
    ["word:plans", "media:TEXT"],
    ["word:zzz", "hashtag:yoga"],
  ]);
  const topSharedFeature = (profile: Map<number, number>, item: number) => {
    const f = topSharedFeatureIndex(index, profile, item);
    return f < 0 ? undefined : index.featureNames[f];
  };

  it("names a tag rather than a word of the text when the tag carries at least a quarter of the word's weight", () => {
    const profile = userProfile(index, [{ item: 0, w: 1 }]);
    // "plans" weighs more in the profile (twice in post 0) but #hiking is shared too: the tag is the reason.
    expect(topSharedFeature(profile, 2)).toBe("hashtag:hiking");
  });

  it("names the word when nothing else is shared", () => {
    const profile = userProfile(index, [{ item: 0, w: 1 }]);
    expect(topSharedFeature(profile, 3)).toBe("word:plans");
    expect(topSharedFeature(profile, 4)).toBeUndefined();
  });
});

describe("snippet (the quoted start of a post in a reason)", () => {
  it("never cuts inside an emoji: half of a surrogate pair is not valid JSON text", () => {
    const { snippet } = require("../../src/modules/recommendations/recommendation.service") as typeof import("../../src/modules/recommendations/recommendation.service");
    const text = `${"a".repeat(38)}😍 and more words after the emoji`;
    const s = snippet(text);
    expect(s).toBe(`${"a".repeat(38)}…`);
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(s)).toBe(false);
    expect(snippet("short text")).toBe("short text");
  });
});
