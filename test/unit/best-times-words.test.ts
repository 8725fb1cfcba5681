import { n1 } from "../../src/modules/segments/best-times";

describe("best-times reason figures", () => {
  it("write one decimal, and two significant digits below 1 (an average of 0.16 read 0.0 beside 0.2 expected)", () => {
    expect([n1(0), n1(0.16), n1(0.042), n1(0.95), n1(0.999), n1(3.04), n1(13.26)]).toEqual(["0.0", "0.16", "0.042", "0.95", "1.0", "3.0", "13.3"]);
  });
});
