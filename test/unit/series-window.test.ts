import { nextBucket, seriesPageRows } from "../../src/modules/sentiment/sentiment.series";

/** A fake series: one row per listed bucket start; `query(end)` answers the rows before `end`, as the SQL does. */
function series(buckets: string[]) {
  const ends: Array<string | null> = [];
  const query = async (end: Date | null) => {
    ends.push(end ? end.toISOString() : null);
    return buckets.filter((b) => end === null || new Date(b) < end);
  };
  return { ends, query };
}

describe("seriesPageRows: a page aggregates only the buckets it can reach", () => {
  it("answers a dense page from the window of `rows` buckets after the start's bucket", async () => {
    const s = series(["2026-03-02T10:00:00.000Z", "2026-03-02T11:00:00.000Z", "2026-03-02T12:00:00.000Z", "2026-03-02T13:00:00.000Z"]);
    const rows = await seriesPageRows({ start: new Date("2026-03-02T10:20:00Z"), to: null }, "HOUR", 3, s.query);
    expect(rows).toHaveLength(3);
    // 10:00 plus three hours: whole buckets only.
    expect(s.ends).toEqual(["2026-03-02T13:00:00.000Z"]);
  });

  it("reads past the window when the texts are sparse", async () => {
    const s = series(["2026-03-02T10:00:00.000Z", "2026-03-09T08:00:00.000Z"]);
    const rows = await seriesPageRows({ start: new Date("2026-03-02T10:00:00Z"), to: null }, "HOUR", 2, s.query);
    expect(rows).toEqual(["2026-03-02T10:00:00.000Z", "2026-03-09T08:00:00.000Z"]);
    expect(s.ends).toEqual(["2026-03-02T12:00:00.000Z", null]);
  });

  it("tries once without a start, or when `to` falls inside the window", async () => {
    const a = series(["2026-03-02T10:00:00.000Z"]);
    await seriesPageRows({ start: null, to: null }, "DAY", 5, a.query);
    expect(a.ends).toEqual([null]);
    const b = series(["2026-03-02T10:00:00.000Z"]);
    await seriesPageRows({ start: new Date("2026-03-02T00:00:00Z"), to: new Date("2026-03-04T00:00:00Z") }, "DAY", 5, b.query);
    expect(b.ends).toEqual([null]);
  });

  it("moves n buckets on, by the calendar for weeks and months", () => {
    expect(nextBucket(new Date("2026-01-01T00:00:00Z"), "MONTH", 13).toISOString()).toBe("2027-02-01T00:00:00.000Z");
    expect(nextBucket(new Date("2026-03-02T00:00:00Z"), "WEEK", 3).toISOString()).toBe("2026-03-23T00:00:00.000Z");
    expect(nextBucket(new Date("2026-03-02T22:00:00Z"), "HOUR", 3).toISOString()).toBe("2026-03-03T01:00:00.000Z");
    expect(nextBucket(new Date("2026-02-27T00:00:00Z"), "DAY", 3).toISOString()).toBe("2026-03-02T00:00:00.000Z");
  });
});
