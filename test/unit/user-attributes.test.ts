import { mergeAttributes } from "../../src/modules/users/user-attributes";

describe("mergeAttributes", () => {
  const stored = { age: 34, country: "GB", extra: { plan: "pro", seats: 3 } };

  it("keeps what the update leaves out", () => {
    expect(mergeAttributes(stored, { job: "engineer" })).toEqual({ age: 34, country: "GB", job: "engineer", extra: { plan: "pro", seats: 3 } });
    expect(mergeAttributes(stored, {})).toEqual(stored);
    expect(mergeAttributes(stored, undefined)).toBe(stored);
    expect(mergeAttributes(null, { age: 20 })).toEqual({ age: 20 });
  });

  it("clears an attribute set to null, sets an extra key to null, and clears everything with null", () => {
    expect(mergeAttributes(stored, { country: null })).toEqual({ age: 34, extra: { plan: "pro", seats: 3 } });
    expect(mergeAttributes(stored, { extra: { seats: null, region: "north" } })).toEqual({ age: 34, country: "GB", extra: { plan: "pro", seats: null, region: "north" } });
    expect(mergeAttributes(stored, { extra: null })).toEqual({ age: 34, country: "GB" });
    expect(mergeAttributes({ age: 1 }, { extra: {} })).toEqual({ age: 1 });
    expect(mergeAttributes(stored, null)).toBeNull();
    expect(mergeAttributes(stored, { age: null, country: null, extra: null })).toBeNull();
    expect(mergeAttributes(null, { age: null })).toBeNull();
  });

  it("applies updates in order and changes neither argument", () => {
    const update = { extra: { seats: 5 } };
    const after = [{ age: 35 }, null, { job: "chef" }, update].reduce(mergeAttributes, stored);
    expect(after).toEqual({ job: "chef", extra: { seats: 5 } });
    expect(stored).toEqual({ age: 34, country: "GB", extra: { plan: "pro", seats: 3 } });
    expect(update).toEqual({ extra: { seats: 5 } });
  });
});
