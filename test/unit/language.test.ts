import { its, nlp } from "../../src/nlp/nlp";
import { analyzeSentiment, scoreSentiment } from "../../src/nlp/sentiment";

/** Both paths (ingest's lazy one and analyzeText's) give the same guess. */
function language(text: string): "en" | "other" {
  const ingest = scoreSentiment(text).language;
  expect(analyzeSentiment(text).language).toBe(ingest);
  return ingest;
}

describe("the language guess", () => {
  // Short texts with two or more function words of one other language, more than their English ones.
  it.each([
    ["es", "Este producto es excelente"],
    ["es", "Me encanta este producto, es muy bueno"],
    ["es", "Muy bueno"],
    ["es", "El envío llegó tarde"],
    ["de", "Das ist sehr gut"],
    ["de", "Ich bin sehr zufrieden"],
    // "war" is an English sentiment word; the German function words still win.
    ["de", "Der Kundenservice war leider sehr langsam und unfreundlich"],
    ["it", "Questo prodotto è fantastico, lo consiglio a tutti"],
    ["it", "Non mi piace per niente"],
    ["it", "Ma che bella giornata, grazie a tutti"],
    ["fr", "Je n’aime pas ce produit"],
    ["fr", "On adore cette marque, elle est top"],
    ["fr", "Très déçu par la qualité"],
    ["pt", "Eu amo essa marca, é a melhor"],
    ["pt", "Adorei o produto, chegou rápido"],
    ["nl", "Dit is een geweldig product"],
    ["nl", "Niet goed, ik ben teleurgesteld"],
    ["sv", "Jag älskar den här produkten"],
    ["da", "Det var ikke godt"],
    ["ro", "Acest produs este foarte bun și îl recomand"],
    ["hu", "Ez a termék nagyon jó, mindenkinek ajánlom"],
    ["hu", "Nem tetszett, nagyon rossz volt"],
    ["tr", "Bu ürün çok güzel, herkese tavsiye ederim"],
    ["tr", "Hiç beğenmedim, çok kötü bir deneyimdi"],
    ["id", "Produk ini sangat bagus dan saya suka sekali"],
    ["id", "Saya tidak suka, pelayanannya sangat buruk"],
    // Accented words and no English function word.
    ["fr", "Très bien"],
    ["ro", "Mulțumesc frumos"],
    ["zh", "这个产品很好"],
    ["ru", "Отличный товар, всем советую"],
  ])("%s: %s is other", (_, text) => {
    expect(language(text)).toBe("other");
  });

  it.each([
    "Lunch time",
    "Great product",
    "Shipping delay",
    "ok",
    "lol",
    "#love",
    "😀😀",
    "👍🏽",
    "12345",
    "10/10",
    "Me too",
    "No way",
    "Worst. Purchase. Ever.",
    // Words that are also function words of another language, names, and quoted phrases.
    "I could die for this",
    "The war is over",
    "Also, my son loves it",
    "Come on man",
    "Ha ha ha",
    "Final total: general admission",
    "Ben and Dan went to the van",
    "Robert De Niro is great",
    "La La Land was amazing",
    "Vamos a la playa tonight with my friends",
    "Los Angeles Lakers win again",
    "L'Oréal mascara is my fave",
    "The café's crème brûlée was amazing",
    "Andrew Yang and Dan were at the show",
    "The tale of the care you face",
    // English with no sentiment and few stop words: headlines, adverts, lists (TweetEval's test tweets).
    "Microsoft Takes Platinum Membership in Linux Foundation",
    "Samsung Galaxy Note 7 officially discontinued #review",
    "Thanks sammy http://url_removed",
    "NAPS, NAPS, NAPS NAPS NAPS! (@anonymous Comfort Inn)",
    "feels like a Sunday day drinking BBQ",
  ])("%s is en", (text) => {
    expect(language(text)).toBe("en");
  });

  it("leaves the score as the lexicon gives it", () => {
    // Flagged "other", yet scored by the English lexicon like any text ("war" is negative there).
    const text = "Der Kundenservice war leider sehr langsam und unfreundlich";
    const raw = nlp.readDoc(text).out(its.sentiment) as unknown as number;
    expect(raw).toBeLessThan(0);
    expect(scoreSentiment(text)).toMatchObject({ score: raw, label: "negative", language: "other" });
    expect(analyzeSentiment(text)).toMatchObject({ score: raw, label: "negative", language: "other" });
  });

  it("calls empty text English", () => {
    expect(language("")).toBe("en");
    expect(language("   ")).toBe("en");
  });
});
