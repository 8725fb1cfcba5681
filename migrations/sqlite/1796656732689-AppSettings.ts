import { MigrationInterface, QueryRunner } from "typeorm";

export class AppSettings1796656732689 implements MigrationInterface {
    name = 'AppSettings1796656732689'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "app_settings" ("key" varchar(100) PRIMARY KEY NOT NULL, "value" varchar(1000) NOT NULL, "updatedAt" datetime NOT NULL DEFAULT (datetime('now')))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "app_settings"`);
    }

}
