import { MigrationInterface, QueryRunner } from "typeorm";

export class Sentiment1795928788278 implements MigrationInterface {
    name = 'Sentiment1795928788278'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."sentiment_target"`);
        await queryRunner.query(`CREATE TABLE "vocabulary_rules" ("id" SERIAL NOT NULL, "accountId" integer NOT NULL, "phrase" character varying(200) NOT NULL, "polarity" double precision NOT NULL, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_aba2bda1845eeefbee9b69217c0" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "vocabulary_account_phrase" ON "vocabulary_rules"  ("accountId", "phrase") `);
        await queryRunner.query(`ALTER TABLE "sentiment_scores" ADD "accountId" integer NOT NULL DEFAULT '0'`);
        await queryRunner.query(`CREATE INDEX "sentiment_account_time" ON "sentiment_scores"  ("accountId", "occurredAt") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "sentiment_text" ON "sentiment_scores"  ("targetType", "targetId") `);
        await queryRunner.query(`ALTER TABLE "vocabulary_rules" ADD CONSTRAINT "FK_f40d5f9ed77f9b030abec11fab4" FOREIGN KEY ("accountId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "vocabulary_rules" DROP CONSTRAINT "FK_f40d5f9ed77f9b030abec11fab4"`);
        await queryRunner.query(`DROP INDEX "public"."sentiment_text"`);
        await queryRunner.query(`DROP INDEX "public"."sentiment_account_time"`);
        await queryRunner.query(`ALTER TABLE "sentiment_scores" DROP COLUMN "accountId"`);
        await queryRunner.query(`DROP INDEX "public"."vocabulary_account_phrase"`);
        await queryRunner.query(`DROP TABLE "vocabulary_rules"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "sentiment_target" ON "sentiment_scores" USING btree ("targetType", "targetId", "analyzer") `);
    }

}
