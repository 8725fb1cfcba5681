import { MigrationInterface, QueryRunner } from "typeorm";

export class SentimentExamples1795929907422 implements MigrationInterface {
    name = 'SentimentExamples1795929907422'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "sentiment_examples" ("id" SERIAL NOT NULL, "key" character varying(200) NOT NULL, "text" text NOT NULL, "label" character varying(16) NOT NULL, "score" double precision, "source" character varying(120) NOT NULL, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_e628ce9faa05f9b2dee06df3d4e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "sentiment_examples_key" ON "sentiment_examples"  ("key") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."sentiment_examples_key"`);
        await queryRunner.query(`DROP TABLE "sentiment_examples"`);
    }

}
