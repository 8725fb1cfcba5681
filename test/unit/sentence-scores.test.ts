import { generateDemoData } from "../../seeds/generate";
import { its, nlp } from "../../src/nlp/nlp";
import { prepare, scoreSentiment } from "../../src/nlp/sentiment";

// Ingest stores a score per sentence. For a one-sentence text it takes the document's score instead of asking
// wink for a second pass: these must be what wink's own per-sentence pass gives, on every demo text.
it("stores wink's per-sentence scores, a one-sentence text's taken from the document score", () => {
  const data = generateDemoData();
  const texts = [...data.posts.map((p) => p.text), ...[...data.interactions()].flatMap((i) => (i.text ? [i.text] : []))];
  let single = 0;
  const differ: string[] = [];
  for (const text of texts) {
    const doc = nlp.readDoc(prepare(text).text);
    const expected = (doc.sentences().out(its.sentiment) as unknown as number[]).map((x) => Math.max(-1, Math.min(1, x)));
    if (expected.length === 1) single++;
    const r = scoreSentiment(text);
    // Texts with an idiom are scored from their rewritten text: compared where nothing was rewritten.
    if (r.score !== Math.max(-1, Math.min(1, doc.out(its.sentiment) as unknown as number))) continue;
    if (JSON.stringify(r.sentenceScores) !== JSON.stringify(expected)) differ.push(text);
  }
  expect(single).toBeGreaterThan(1000);
  expect(differ).toEqual([]);
});
