import { MigrationInterface, QueryRunner } from "typeorm";

export class Sentiment1795928783214 implements MigrationInterface {
    name = 'Sentiment1795928783214'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "sentiment_target"`);
        await queryRunner.query(`CREATE TABLE "vocabulary_rules" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "accountId" integer NOT NULL, "phrase" varchar(200) NOT NULL, "polarity" double precision NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "vocabulary_account_phrase" ON "vocabulary_rules" ("accountId", "phrase") `);
        await queryRunner.query(`DROP INDEX "sentiment_post_time"`);
        await queryRunner.query(`DROP INDEX "sentiment_user"`);
        await queryRunner.query(`DROP INDEX "sentiment_time"`);
        await queryRunner.query(`CREATE TABLE "temporary_sentiment_scores" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "targetType" varchar(16) NOT NULL, "targetId" integer NOT NULL, "postId" integer NOT NULL, "userId" integer NOT NULL, "occurredAt" datetime NOT NULL, "analyzer" varchar(64) NOT NULL, "analyzerVersion" varchar(32) NOT NULL, "score" double precision NOT NULL, "label" varchar(16) NOT NULL, "details" text, "scoredAt" datetime NOT NULL DEFAULT (datetime('now')), "accountId" integer NOT NULL DEFAULT (0))`);
        await queryRunner.query(`INSERT INTO "temporary_sentiment_scores"("id", "targetType", "targetId", "postId", "userId", "occurredAt", "analyzer", "analyzerVersion", "score", "label", "details", "scoredAt") SELECT "id", "targetType", "targetId", "postId", "userId", "occurredAt", "analyzer", "analyzerVersion", "score", "label", "details", "scoredAt" FROM "sentiment_scores"`);
        await queryRunner.query(`DROP TABLE "sentiment_scores"`);
        await queryRunner.query(`ALTER TABLE "temporary_sentiment_scores" RENAME TO "sentiment_scores"`);
        await queryRunner.query(`CREATE INDEX "sentiment_post_time" ON "sentiment_scores" ("postId", "occurredAt") `);
        await queryRunner.query(`CREATE INDEX "sentiment_user" ON "sentiment_scores" ("userId") `);
        await queryRunner.query(`CREATE INDEX "sentiment_time" ON "sentiment_scores" ("occurredAt") `);
        await queryRunner.query(`CREATE INDEX "sentiment_account_time" ON "sentiment_scores" ("accountId", "occurredAt") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "sentiment_text" ON "sentiment_scores" ("targetType", "targetId") `);
        await queryRunner.query(`DROP INDEX "vocabulary_account_phrase"`);
        await queryRunner.query(`CREATE TABLE "temporary_vocabulary_rules" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "accountId" integer NOT NULL, "phrase" varchar(200) NOT NULL, "polarity" double precision NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')), CONSTRAINT "FK_f40d5f9ed77f9b030abec11fab4" FOREIGN KEY ("accountId") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`INSERT INTO "temporary_vocabulary_rules"("id", "accountId", "phrase", "polarity", "createdAt") SELECT "id", "accountId", "phrase", "polarity", "createdAt" FROM "vocabulary_rules"`);
        await queryRunner.query(`DROP TABLE "vocabulary_rules"`);
        await queryRunner.query(`ALTER TABLE "temporary_vocabulary_rules" RENAME TO "vocabulary_rules"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "vocabulary_account_phrase" ON "vocabulary_rules" ("accountId", "phrase") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "vocabulary_account_phrase"`);
        await queryRunner.query(`ALTER TABLE "vocabulary_rules" RENAME TO "temporary_vocabulary_rules"`);
        await queryRunner.query(`CREATE TABLE "vocabulary_rules" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "accountId" integer NOT NULL, "phrase" varchar(200) NOT NULL, "polarity" double precision NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`INSERT INTO "vocabulary_rules"("id", "accountId", "phrase", "polarity", "createdAt") SELECT "id", "accountId", "phrase", "polarity", "createdAt" FROM "temporary_vocabulary_rules"`);
        await queryRunner.query(`DROP TABLE "temporary_vocabulary_rules"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "vocabulary_account_phrase" ON "vocabulary_rules" ("accountId", "phrase") `);
        await queryRunner.query(`DROP INDEX "sentiment_text"`);
        await queryRunner.query(`DROP INDEX "sentiment_account_time"`);
        await queryRunner.query(`DROP INDEX "sentiment_time"`);
        await queryRunner.query(`DROP INDEX "sentiment_user"`);
        await queryRunner.query(`DROP INDEX "sentiment_post_time"`);
        await queryRunner.query(`ALTER TABLE "sentiment_scores" RENAME TO "temporary_sentiment_scores"`);
        await queryRunner.query(`CREATE TABLE "sentiment_scores" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "targetType" varchar(16) NOT NULL, "targetId" integer NOT NULL, "postId" integer NOT NULL, "userId" integer NOT NULL, "occurredAt" datetime NOT NULL, "analyzer" varchar(64) NOT NULL, "analyzerVersion" varchar(32) NOT NULL, "score" double precision NOT NULL, "label" varchar(16) NOT NULL, "details" text, "scoredAt" datetime NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`INSERT INTO "sentiment_scores"("id", "targetType", "targetId", "postId", "userId", "occurredAt", "analyzer", "analyzerVersion", "score", "label", "details", "scoredAt") SELECT "id", "targetType", "targetId", "postId", "userId", "occurredAt", "analyzer", "analyzerVersion", "score", "label", "details", "scoredAt" FROM "temporary_sentiment_scores"`);
        await queryRunner.query(`DROP TABLE "temporary_sentiment_scores"`);
        await queryRunner.query(`CREATE INDEX "sentiment_time" ON "sentiment_scores" ("occurredAt") `);
        await queryRunner.query(`CREATE INDEX "sentiment_user" ON "sentiment_scores" ("userId") `);
        await queryRunner.query(`CREATE INDEX "sentiment_post_time" ON "sentiment_scores" ("postId", "occurredAt") `);
        await queryRunner.query(`DROP INDEX "vocabulary_account_phrase"`);
        await queryRunner.query(`DROP TABLE "vocabulary_rules"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "sentiment_target" ON "sentiment_scores" ("targetType", "targetId", "analyzer") `);
    }

}
