import { MigrationInterface, QueryRunner } from "typeorm";

export class AppSettings1796656755849 implements MigrationInterface {
    name = 'AppSettings1796656755849'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "app_settings" ("key" character varying(100) NOT NULL, "value" character varying(1000) NOT NULL, "updatedAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_975c2db59c65c05fd9c6b63a2ab" PRIMARY KEY ("key"))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "app_settings"`);
    }

}
