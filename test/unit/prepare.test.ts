import { analyzeSentiment, cutIndex, maxTextChars, prepare, scoreSentiment } from "../../src/nlp/sentiment";
import { normalizeHashtag, normalizeTopic } from "../../src/nlp/text";
import { cleanText } from "../../src/nlp/text";

/** A high surrogate not followed by a low one, or a low one not after a high one. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("prepare: truncation", () => {
  it("cuts at the last space near the limit", () => {
    const text = "word ".repeat(2_500); // 12,500 characters
    const p = prepare(text);
    expect(p.truncated).toBe(true);
    expect(p.text.length).toBeLessThanOrEqual(maxTextChars);
    expect(p.text.length).toBeGreaterThan(maxTextChars - 10);
    expect(p.text.endsWith("word")).toBe(true);
  });

  it("leaves a text of exactly the limit alone", () => {
    const text = "a".repeat(maxTextChars - 2) + "😀";
    expect(prepare(text)).toEqual({ text, truncated: false });
  });

  it("never cuts inside a surrogate pair", () => {
    // The emoji takes units 9,999 and 10,000: the old cut at 10,000 left a lone \ud83d.
    const p = prepare("a".repeat(9_999) + "😀");
    expect(p).toEqual({ text: "a".repeat(9_999), truncated: true });
    // Through both analysers too.
    expect(analyzeSentiment("a".repeat(9_999) + "😀").sentences.map((s) => s.text).join(" ")).not.toMatch(loneSurrogate);
    expect(scoreSentiment("a".repeat(9_999) + "😀").truncated).toBe(true);
  });

  it("keeps an emoji with its modifier, a ZWJ sequence and a flag whole", () => {
    // 👍🏽 is four units at 9,997–10,000: the cut goes before it, not between the hand and the skin tone.
    expect(prepare("a".repeat(9_997) + "👍🏽").text).toBe("a".repeat(9_997));
    // 👨‍👩‍👧 is eight units; the limit falls inside it.
    expect(prepare("a".repeat(9_995) + "👨‍👩‍👧").text).toBe("a".repeat(9_995));
    // Regional indicators pair up from the start of the run: 🇫🇷 starts at 9,998.
    expect(prepare("a".repeat(9_994) + "🇩🇪🇫🇷").text).toBe("a".repeat(9_994) + "🇩🇪");
    // A letter with a combining accent (not normalised into one code point).
    expect(prepare("a".repeat(9_999) + "q\u0301").text).toBe("a".repeat(9_999));
  });

  it("cuts a text without spaces or ASCII at a character boundary", () => {
    const emoji = prepare("😀".repeat(6_000));
    expect(emoji.text).toBe("😀".repeat(5_000));
    const odd = prepare("x" + "😀".repeat(6_000));
    expect(odd.text).toBe("x" + "😀".repeat(4_999));
    expect(odd.text).not.toMatch(loneSurrogate);
  });

  it("cuts one endless cluster at the limit, still not inside a surrogate pair", () => {
    expect(cutIndex("a" + "\u0301".repeat(12_000), maxTextChars)).toBe(maxTextChars);
    // 𝓪 (a supplementary letter) with thousands of marks: the limit falls after its high surrogate.
    const text = "a".repeat(9_999) + "𝓪" + "\u0301".repeat(3_000);
    expect(text.slice(0, cutIndex(text, maxTextChars))).not.toMatch(loneSurrogate);
  });
});

describe("cleanText: control characters", () => {
  it("turns a control character between two words into a space", () => {
    expect(cleanText("good\u0000bad")).toBe("good bad");
    expect(cleanText("a\u0000\u0001\u001Fb")).toBe("a b");
    expect(cleanText("fine\u007Fthanks")).toBe("fine thanks");
    expect(cleanText("😀\u0000😀")).toBe("😀 😀");
  });

  it("removes one next to a space, a line end or an end of the text, leaving no double space", () => {
    expect(cleanText("good \u0000bad")).toBe("good bad");
    expect(cleanText("good\u0000 bad")).toBe("good bad");
    expect(cleanText("\u0000good\u0007")).toBe("good");
    expect(cleanText("line\u0000\nnext")).toBe("line\nnext");
  });

  it("keeps tabs and newlines, unifies line ends, normalises and trims as before", () => {
    expect(cleanText("a\tb\nc")).toBe("a\tb\nc");
    expect(cleanText("a\r\nb\rc")).toBe("a\nb\nc");
    expect(cleanText("  cafe\u0301  ")).toBe("café");
    expect(cleanText("plain text")).toBe("plain text");
  });

  it("so the analysers read two words", () => {
    const a = analyzeSentiment("good\u0000bad");
    expect(a.words).toBe(2);
    expect(a.sentences.map((s) => s.text)).toEqual(["good bad"]);
    expect(scoreSentiment("good\u0000bad").score).toBe(analyzeSentiment("good bad").score);
  });
});

describe("analyzeSentiment's parts", () => {
  it("reads hashtags and mentions as a post's are read, and keeps URLs as written", () => {
    const a = analyzeSentiment("Loving it @Brand.Co #Summer #summer #2024 — https://Example.com/Sale?Code=AbC mail me@x.org");
    expect(a.hashtags).toEqual(["summer"]); // a tag needs a letter, each once
    expect(a.mentions).toEqual(["brand.co"]); // as Post.mentions: the dot stays, an e-mail address is no mention
    expect(a.urls).toEqual(["https://Example.com/Sale?Code=AbC"]);
  });
});

describe("normalizeTopic and normalizeHashtag (what is stored and what filters match)", () => {
  it("clean, lower-case and drop the #, the same for posts, drafts and every filter", () => {
    expect(normalizeTopic("  Fitness\u0007 ")).toBe("fitness");
    expect(normalizeTopic("Cafe\u0301")).toBe("café"); // NFC: one code point, as stored
    // Runs of whitespace of any kind are one space: these are all the topic "outdoor gear".
    for (const t of ["Outdoor  Gear", "outdoor\u00a0gear", "outdoor\tgear", "outdoor \n gear", "outdoor\u2003gear"]) expect(normalizeTopic(t)).toBe("outdoor gear");
    expect(normalizeHashtag(" #Summer ")).toBe("summer");
    expect(normalizeHashtag("# Summer")).toBe("summer");
    expect(normalizeHashtag("SUMMER")).toBe("summer");
  });
});
