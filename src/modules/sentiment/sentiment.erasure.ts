import { deleteWhereIn, type Eraser } from "../users/erasure";

/** Erasure: scores of texts the person wrote and of every text on their posts, and their brand rules. */
export const sentimentEraser: Eraser = async (tx, { userId, postIds }) => ({
  sentimentScores: (await tx.execute(`DELETE FROM "sentiment_scores" WHERE "userId" = ?`, [userId])) + (await deleteWhereIn(tx, "sentiment_scores", "postId", postIds)),
  vocabularyRules: await tx.execute(`DELETE FROM "vocabulary_rules" WHERE "accountId" = ?`, [userId]),
});
