import { interestIn } from "../../src/modules/recommendations/recommendation.service";
import { InteractionType } from "../../src/modules/interactions/interaction.entity";

// The interest part of a content reason says what the person did with the posts behind it, no more: a single
// view is "viewed", "often engage with" needs more than a view on three or more of them.
const h = (itemId: string, type: keyof typeof InteractionType) => ({ itemId, type: InteractionType[type] });

describe("interestIn (what a content reason says the person did)", () => {
  it("one view: viewed", () => {
    expect(interestIn(["1"], [h("1", "VIEW")])).toEqual({ words: "viewed", often: false, posts: 1 });
  });

  it("the strongest thing done, and with how many of the posts", () => {
    // Evidence comes strongest first: a comment on 2 (after a view), a like on 3.
    expect(interestIn(["2", "3"], [h("2", "VIEW"), h("2", "COMMENT"), h("3", "LIKE")])).toEqual({ words: "commented on", often: false, posts: 1 });
    expect(interestIn(["2", "3"], [h("2", "LIKE"), h("3", "LIKE")])).toEqual({ words: "liked", often: false, posts: 2 });
    expect(interestIn(["9"], [h("9", "CONVERSION")])).toEqual({ words: "bought through", often: false, posts: 1 });
  });

  it("often engage with: more than a view on three or more posts", () => {
    expect(interestIn(["1", "2", "3"], [h("1", "SHARE"), h("2", "LIKE"), h("3", "CLICK")])).toEqual({ words: "often engage with", often: true, posts: 3 });
    // Three posts, but one only viewed: the strongest is said instead.
    expect(interestIn(["1", "2", "3"], [h("1", "SHARE"), h("2", "LIKE"), h("3", "VIEW")])).toEqual({ words: "shared", often: false, posts: 1 });
    expect(interestIn(["1", "2", "3"], [h("1", "VIEW"), h("2", "VIEW"), h("3", "VIEW")])).toEqual({ words: "viewed", often: false, posts: 3 });
  });

  it("no evidence in the history: nothing said", () => {
    expect(interestIn([], [h("1", "LIKE")])).toBeNull();
    expect(interestIn(["5"], [h("1", "LIKE")])).toBeNull();
  });
});
