import path from "node:path";
import { parseSentimentTsv, parseSentimentTsvRows, readSentimentTsv } from "../../src/nlp/sentiment-tsv";

const fixture = (name: string) => path.join(__dirname, "..", "fixtures", name);

describe("readSentimentTsv", () => {
  it("reads label, score (empty → null) and text, keeping a tab inside the text and skipping blank lines", () => {
    expect(readSentimentTsv(fixture("sentiment-small.tsv"))).toEqual([
      { label: "positive", score: 0.6816, text: "So lucky to have amazing friends." },
      { label: "neutral", score: null, text: "The train leaves at noon." },
      { label: "negative", score: -0.5, text: "This is awful\twith a tab inside." },
      { label: "positive", score: null, text: "Great service!" },
    ]);
  });

  it("names the file and the line of a bad row", () => {
    const file = fixture("sentiment-bad-label.tsv");
    expect(() => readSentimentTsv(file)).toThrow(`${file}:3: expected a label of negative, neutral, positive, found "happy"`);
  });

  it("says when the file cannot be read", () => {
    expect(() => readSentimentTsv(fixture("no-such-file.tsv"))).toThrow(/^cannot read .*no-such-file\.tsv/);
  });

  it("accepts CRLF line ends and a byte-order mark", () => {
    expect(parseSentimentTsv("\uFEFFlabel\tscore\ttext\r\nneutral\t0\tok\r\n", "a.tsv")).toEqual([{ label: "neutral", score: 0, text: "ok" }]);
  });

  it("rejects a missing header, too few fields and a score out of range, with file and line", () => {
    expect(() => parseSentimentTsv("positive\t\tgood\n", "a.tsv")).toThrow('a.tsv:1: expected the header "label<TAB>score<TAB>text", found "positive\\t\\tgood"');
    expect(() => parseSentimentTsv("label\tscore\ttext\npositive\tgood\n", "b.tsv")).toThrow("b.tsv:2: expected 3 tab-separated fields (label, score, text), found 2");
    expect(() => parseSentimentTsv("label\tscore\ttext\npositive\t1.5\tgood\n", "c.tsv")).toThrow('c.tsv:2: expected an empty score or a number in [-1, 1], found "1.5"');
    expect(() => parseSentimentTsv("label\tscore\ttext\npositive\tabc\tgood\n", "d.tsv")).toThrow('d.tsv:2: expected an empty score or a number in [-1, 1], found "abc"');
  });

  it("reads an empty text as an empty string", () => {
    expect(parseSentimentTsv("label\tscore\ttext\nneutral\t\t\n")).toEqual([{ label: "neutral", score: null, text: "" }]);
  });

  it("reads only plain decimal scores (not 0x0, Infinity or 1_0)", () => {
    for (const bad of ["0x0", "Infinity", "1_0", "0b1", "--1", "1e"]) {
      expect(() => parseSentimentTsv(`label\tscore\ttext\nneutral\t${bad}\tok\n`, "e.tsv")).toThrow(`e.tsv:2: expected an empty score or a number in [-1, 1], found "${bad}"`);
    }
    expect(parseSentimentTsv("label\tscore\ttext\nneutral\t-.02\tok\npositive\t+5e-1\tgood\nneutral\t0.\tfine\n").map((r) => r.score)).toEqual([-0.02, 0.5, 0]);
  });

  it("for storing, refuses texts the server would refuse (empty once cleaned, over 10,000 characters), naming line and column", () => {
    const content = `label\tscore\ttext\nneutral\t\t   \npositive\t\t${"a".repeat(10_001)}\npositive\t\t${"b".repeat(10_000)}\nnegative\t\t\u0007\n`;
    const { rows, problems } = parseSentimentTsvRows(content, { storable: true });
    expect(rows.map((r) => [r.line, r.text.length])).toEqual([[4, 10_000]]);
    expect(problems).toEqual([
      { line: 2, column: "text", message: "expected 1–10000 characters (after trimming and removing control characters), found 0" },
      { line: 3, column: "text", message: "expected 1–10000 characters (after trimming and removing control characters), found 10001" },
      { line: 5, column: "text", message: "expected 1–10000 characters (after trimming and removing control characters), found 0" },
    ]);
  });
});
