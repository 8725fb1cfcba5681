import { MigrationInterface, QueryRunner } from "typeorm";

export class SentimentExamples1795929892974 implements MigrationInterface {
    name = 'SentimentExamples1795929892974'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "sentiment_examples" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "key" varchar(200) NOT NULL, "text" text NOT NULL, "label" varchar(16) NOT NULL, "score" double precision, "source" varchar(120) NOT NULL, "createdAt" datetime NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "sentiment_examples_key" ON "sentiment_examples" ("key") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "sentiment_examples_key"`);
        await queryRunner.query(`DROP TABLE "sentiment_examples"`);
    }

}
