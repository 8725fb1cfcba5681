import { explainInWords, percent } from "../../src/modules/predictions/explanation-text";

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

  it("writes weekdays and months by name, hours as times, counts as counts, also where the model read them otherwise", () => {
    const e = explainInWords(
      {
        base: 5,
        prediction: 7,
        contributions: [
          { feature: "weekday", value: "sat", contribution: 1 },
          { feature: "month", value: 12, contribution: 0.5, readAs: 10 },
          { feature: "hour", value: 3, contribution: 0.25, readAs: 6 },
          { feature: "hashtagCount", value: 3, contribution: 0.25 },
        ],
      },
      "engagements",
    );
    expect(e.contributions.map((c) => [c.label, c.value, c.readAs])).toEqual([
      ["weekday of publication (UTC) is Saturday", "sat", null],
      ["month of publication is December (beyond the model's training: read as October)", "12", "10"],
      ["hour of publication is 03:00 UTC (beyond the model's training: read as 06:00 UTC)", "3", "6"],
      ["number of hashtags is 3", "3", null],
    ]);
  });

  it("never rounds a probability to 0.0% or 100.0% when it is only near them", () => {
    expect([percent(1.09e-11), percent(0), percent(0.0005), percent(0.25), percent(0.9995), percent(0.99951), percent(1)]).toEqual(["under 0.1%", "0.0%", "0.1%", "25.0%", "over 99.9%", "over 99.9%", "100.0%"]);
    expect(explainInWords({ base: 0.2, prediction: 1.09e-11, contributions: [{ feature: "recencyDays", value: 2, contribution: 0.2 - 1.09e-11 }] }, "probability").summary).toMatch(/^Probability under 0\.1%, against 20\.0% on average\./);
  });
});
