import { deleteWhereIn, type Eraser } from "../users/erasure";

/** Erasure: predictions about the person and about their posts. */
export const predictionEraser: Eraser = async (tx, { userId, postIds }) => ({
  predictions:
    (await tx.execute(`DELETE FROM "predictions" WHERE "targetType" = 'USER' AND "targetId" = ?`, [userId])) +
    (await deleteWhereIn(tx, "predictions", "targetId", postIds, ` AND "targetType" = 'POST'`)),
});
