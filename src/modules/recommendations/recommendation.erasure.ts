import { deleteWhereIn, type Eraser } from "../users/erasure";

/** Erasure: recommendations made to the person, and of their posts to anyone. */
export const recommendationEraser: Eraser = async (tx, { userId, postIds }) => ({
  recommendations: (await tx.execute(`DELETE FROM "recommendations" WHERE "userId" = ?`, [userId])) + (await deleteWhereIn(tx, "recommendations", "postId", postIds)),
});
