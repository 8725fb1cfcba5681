import type { Eraser } from "../users/erasure";

/** Erasure: the person leaves every segment they were in, and those segments' sizes follow. */
export const segmentEraser: Eraser = async (tx, { userId }) => {
  await tx.execute(`UPDATE "segments" SET "size" = "size" - 1 WHERE "size" > 0 AND "id" IN (SELECT "segmentId" FROM "segment_memberships" WHERE "userId" = ?)`, [userId]);
  return { segmentMemberships: await tx.execute(`DELETE FROM "segment_memberships" WHERE "userId" = ?`, [userId]) };
};
