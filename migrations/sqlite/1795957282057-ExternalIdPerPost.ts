import { MigrationInterface, QueryRunner } from "typeorm";

export class ExternalIdPerPost1795957282057 implements MigrationInterface {
    name = 'ExternalIdPerPost1795957282057'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "interactions_external"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "interactions_post_external" ON "interactions" ("postId", "externalId") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "interactions_post_external"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "interactions_external" ON "interactions" ("externalId") `);
    }

}
