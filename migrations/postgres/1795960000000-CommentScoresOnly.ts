import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Data only: sentiment is scored for comments alone (interactions of type COMMENT). A score stored before that
 * rule for another kind of interaction that carried a text goes; the schema is unchanged.
 */
export class CommentScoresOnly1795960000000 implements MigrationInterface {
    name = 'CommentScoresOnly1795960000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DELETE FROM "sentiment_scores" WHERE "targetType" = 'INTERACTION' AND EXISTS (SELECT 1 FROM "interactions" "i" WHERE "i"."id" = "sentiment_scores"."targetId" AND "i"."type" <> 'COMMENT')`);
    }

    public async down(): Promise<void> {
        // The deleted scores were of texts that are no longer scored: nothing to restore.
    }

}
