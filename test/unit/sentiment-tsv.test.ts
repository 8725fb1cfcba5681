import path from "node:path";
import { parseSentimentTsv, readSentimentTsv } from "../../src/nlp/sentiment-tsv";

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
});
