import { BatchProblems } from "../../src/graphql/batch";
import type { BadUserInputError } from "../../src/graphql/errors";

describe("BatchProblems", () => {
  function thrown(p: BatchProblems): BadUserInputError {
    try {
      p.throwIfAny();
    } catch (e) {
      return e as BadUserInputError;
    }
    throw new Error("expected a throw");
  }

  it("counts every problem in the message, and says when only the first are listed", () => {
    const p = new BatchProblems("rows", 50);
    for (let i = 69; i >= 0; i--) p.add(i, "at", `bad ${i}`);
    const e = thrown(p);
    // The list keeps the first 50 found (rows 69…20), sorted by row; the message counts all 70.
    expect(e.message).toBe("rows[20].at: bad 20 (and 69 more problems; the first 50 are listed)");
    expect((e.extensions.problems as unknown[]).length).toBe(50);
    expect(e.extensions.problemCount).toBe(70);
  });

  it("words a small batch's problems without a listing note", () => {
    const two = new BatchProblems("rows");
    two.add(3, "x", "bad");
    two.add(1, "y", "worse");
    expect(thrown(two).message).toBe("rows[1].y: worse (and 1 more problem)");
    const one = new BatchProblems("rows");
    one.add(0, "x", "bad");
    expect(thrown(one).message).toBe("rows[0].x: bad");
  });
});
