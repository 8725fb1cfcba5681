import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Data only: a topic (a post's category) is stored with its runs of whitespace folded to one space (tabs, line
 * breaks, no-break and other Unicode spaces included), so "outdoor  gear" and "outdoor\u00a0gear" are the topic
 * "outdoor gear", as filters already read them. Stored categories are folded the same way, one distinct value
 * at a time (the rule is written out here, not imported: a migration must not change with the code).
 */
export class TopicSpaces1796900000000 implements MigrationInterface {
    name = 'TopicSpaces1796900000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        const rows: Array<{ category: string }> = await queryRunner.query(`SELECT DISTINCT "category" FROM "posts" WHERE "category" IS NOT NULL`);
        for (const { category } of rows) {
            const folded = category.replace(/\s+/gu, " ");
            if (folded !== category) await queryRunner.query(`UPDATE "posts" SET "category" = ? WHERE "category" = ?`, [folded, category]);
        }
    }

    public async down(): Promise<void> {
        // The runs of spaces are not kept: the folded topics stay (they are what filters matched).
    }

}
