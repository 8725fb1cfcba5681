import { MigrationInterface, QueryRunner } from "typeorm";

export class ExternalIdPerPost1795957291184 implements MigrationInterface {
    name = 'ExternalIdPerPost1795957291184'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."interactions_external"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "interactions_post_external" ON "interactions"  ("postId", "externalId") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."interactions_post_external"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "interactions_external" ON "interactions" USING btree ("externalId") `);
    }

}
