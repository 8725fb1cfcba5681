import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { generateDemoData } from "../../seeds/generate";
import { emojiOf } from "../../src/nlp/sentiment";

/** The reference: every grapheme cluster of the whole text that holds a pictograph (© ® ™ alone excepted). */
const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });
function wholeText(text: string): string[] {
  const out: string[] = [];
  for (const { segment } of graphemes.segment(text)) {
    if (/\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(segment) && !/^[\u00a9\u00ae\u2122]$/.test(segment)) out.push(segment);
  }
  return out;
}

function differences(texts: Iterable<string>): { texts: number; withEmoji: number; differ: string[] } {
  let n = 0;
  let withEmoji = 0;
  const differ: string[] = [];
  for (const text of texts) {
    n++;
    const expected = wholeText(text);
    if (expected.length > 0) withEmoji++;
    if (JSON.stringify(emojiOf(text)) !== JSON.stringify(expected)) differ.push(text);
  }
  return { texts: n, withEmoji, differ };
}

describe("emojiOf (the emoji a text holds, each whole)", () => {
  it("keeps skin tones, flags, families, keycap-free sequences and text symbols as the whole text's grapheme clusters do", () => {
    expect(emojiOf("Love it 👍🏽🇫🇷 and 👨‍👩‍👧 too")).toEqual(["👍🏽", "🇫🇷", "👨‍👩‍👧"]);
    expect(emojiOf("© 2026 Brand™ ❤️ ❤")).toEqual(["❤️", "❤"]);
    expect(emojiOf("no emoji here, just ascii :)")).toEqual([]);
    expect(emojiOf("")).toEqual([]);
    const tricky = [
      "a🏽b", // a modifier after a letter joins the letter's cluster
      "x\u200d❤️y",
      "🇺🇸🇬🇧🇫", // regional indicators pair from the start of their run
      "é😀ü🤷🏽‍♀️ñ",
      "Café☕️ crème 🥐🥐",
      "1️⃣ #️⃣ 🔟",
      "🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland",
      "\u0600😀1",
      "😀\r\n🙂",
    ];
    expect(differences(tricky).differ).toEqual([]);
  });

  it("equals segmenting the whole text on every demo text", () => {
    const data = generateDemoData();
    const r = differences([...data.posts.map((p) => p.text), ...[...data.interactions()].flatMap((i) => (i.text ? [i.text] : []))]);
    expect(r.withEmoji).toBeGreaterThan(500);
    expect(r.differ).toEqual([]);
  });

  const dir = path.resolve(__dirname, "../../../shared/data/sentiment");
  const present = existsSync(dir);
  (present ? it : it.skip)(present ? "equals segmenting the whole text on every text of the shared sentiment corpora" : `on the shared sentiment corpora — SKIPPED: ${dir} not found`, () => {
    const texts = readdirSync(dir)
      .filter((f) => f.endsWith(".tsv"))
      .flatMap((f) => readFileSync(path.join(dir, f), "utf8").split("\n").slice(1).map((line) => line.split("\t").slice(2).join("\t")));
    const r = differences(texts);
    expect(r.texts).toBeGreaterThan(10_000);
    expect(r.differ).toEqual([]);
  });
});
