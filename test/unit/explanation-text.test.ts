import { explainInWords } from "../../src/modules/predictions/explanation-text";

// The words of an explanation, by hand: labels a marketer reads, numbers without noise, and the features
// that moved nothing left out of the list (they add nothing to prediction − base).
describe("explainInWords", () => {
  it("labels features and CRM fields, drops zero contributions, and names what raised and lowered the prediction", () => {
    const e = explainInWords(
      {
        base: 0.1,
        prediction: 0.25,
        contributions: [
          { feature: "activeDays", value: 12, contribution: 0.12 },
          { feature: "tenureDays", value: 100.00000001, contribution: 0.05 },
          { feature: "extra.euribor3m", value: 4.857, contribution: -0.02 },
          { feature: "extra.emp.var.rate", value: null, contribution: 0 },
          { feature: "extra.poutcome", value: null, contribution: 0 },
        ],
      },
      "probability",
    );
    expect(e.contributions.map((c) => [c.label, c.value])).toEqual([
      ["days with any activity is 12", "12"],
      ["days since the first activity is 100", "100"],
      ["CRM “euribor3m” is 4.86", "4.86"],
    ]);
    expect(e.contributions.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(e.prediction - e.base, 12);
    expect(e.summary).toBe(
      "Probability 25.0%, against 10.0% on average. Raised most by days with any activity is 12 (+12.0 pts), days since the first activity is 100 (+5.0 pts). Lowered most by CRM “euribor3m” is 4.86 (−2.0 pts).",
    );
  });
});
