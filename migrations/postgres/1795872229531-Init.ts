import { MigrationInterface, QueryRunner } from "typeorm";

export class Init1795872229531 implements MigrationInterface {
    name = 'Init1795872229531'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "users" ("id" SERIAL NOT NULL, "platform" character varying(16) NOT NULL, "handle" character varying(100) NOT NULL, "displayName" character varying(200), "followers" integer NOT NULL DEFAULT '0', "isBrand" boolean NOT NULL DEFAULT false, "attributes" text, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "users_brand" ON "users"  ("isBrand", "id") `);
        await queryRunner.query(`CREATE INDEX "users_created" ON "users"  ("createdAt", "id") `);
        await queryRunner.query(`CREATE INDEX "users_followers" ON "users"  ("followers", "id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "users_platform_handle" ON "users"  ("platform", "handle") `);
        await queryRunner.query(`CREATE TABLE "posts" ("id" SERIAL NOT NULL, "authorId" integer NOT NULL, "platform" character varying(16) NOT NULL, "externalId" character varying(128) NOT NULL, "text" text NOT NULL, "mediaType" character varying(16) NOT NULL, "category" character varying(64), "paid" boolean NOT NULL DEFAULT false, "publishedAt" TIMESTAMP NOT NULL, "hashtags" text NOT NULL, "mentions" text NOT NULL, "impressions" integer NOT NULL DEFAULT '0', "reach" integer NOT NULL DEFAULT '0', "likes" integer NOT NULL DEFAULT '0', "comments" integer NOT NULL DEFAULT '0', "shares" integer NOT NULL DEFAULT '0', "clicks" integer NOT NULL DEFAULT '0', "conversions" integer NOT NULL DEFAULT '0', "createdAt" TIMESTAMP NOT NULL DEFAULT now(), "updatedAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_2829ac61eff60fcec60d7274b9e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "posts_category_published" ON "posts"  ("category", "publishedAt") `);
        await queryRunner.query(`CREATE INDEX "posts_author_published" ON "posts"  ("authorId", "publishedAt", "id") `);
        await queryRunner.query(`CREATE INDEX "posts_platform_published" ON "posts"  ("platform", "publishedAt", "id") `);
        await queryRunner.query(`CREATE INDEX "posts_published" ON "posts"  ("publishedAt", "id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "posts_platform_external" ON "posts"  ("platform", "externalId") `);
        await queryRunner.query(`CREATE TABLE "post_hashtags" ("postId" integer NOT NULL, "tag" character varying(100) NOT NULL, CONSTRAINT "PK_c9df3157a819ba090173dcc3336" PRIMARY KEY ("postId", "tag"))`);
        await queryRunner.query(`CREATE INDEX "post_hashtags_tag" ON "post_hashtags"  ("tag", "postId") `);
        await queryRunner.query(`CREATE TABLE "interactions" ("id" SERIAL NOT NULL, "userId" integer NOT NULL, "postId" integer NOT NULL, "type" character varying(16) NOT NULL, "value" double precision, "text" text, "occurredAt" TIMESTAMP NOT NULL, "externalId" character varying(160) NOT NULL, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_911b7416a6671b4148b18c18ecb" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "interactions_type_time" ON "interactions"  ("type", "occurredAt", "id") `);
        await queryRunner.query(`CREATE INDEX "interactions_time" ON "interactions"  ("occurredAt", "id") `);
        await queryRunner.query(`CREATE INDEX "interactions_user_post" ON "interactions"  ("userId", "postId") `);
        await queryRunner.query(`CREATE INDEX "interactions_post_time" ON "interactions"  ("postId", "occurredAt", "id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "interactions_external" ON "interactions"  ("externalId") `);
        await queryRunner.query(`CREATE TABLE "model_versions" ("id" SERIAL NOT NULL, "modelName" character varying(64) NOT NULL, "version" integer NOT NULL, "status" character varying(16) NOT NULL, "task" character varying(32) NOT NULL, "algorithm" character varying(64), "params" text, "spec" text NOT NULL, "dataStats" text, "qualityReport" text, "cvResults" text, "holdoutMetrics" text, "importances" text, "artifact" text, "error" text, "trainedAt" TIMESTAMP, "activatedAt" TIMESTAMP, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_77c0256872dcc26394dba4b87ec" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "model_versions_name_status" ON "model_versions"  ("modelName", "status") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "model_versions_name_version" ON "model_versions"  ("modelName", "version") `);
        await queryRunner.query(`CREATE TABLE "predictions" ("id" SERIAL NOT NULL, "modelVersionId" integer NOT NULL, "modelName" character varying(64) NOT NULL, "targetType" character varying(16) NOT NULL, "targetId" integer, "value" double precision NOT NULL, "explanation" text, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_b92c9e4db595214b289f5e28adc" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "predictions_version" ON "predictions"  ("modelVersionId") `);
        await queryRunner.query(`CREATE INDEX "predictions_target" ON "predictions"  ("targetType", "targetId", "modelName") `);
        await queryRunner.query(`CREATE TABLE "recommendations" ("id" SERIAL NOT NULL, "userId" integer NOT NULL, "postId" integer NOT NULL, "rank" integer NOT NULL, "score" double precision NOT NULL, "reason" character varying(300) NOT NULL, "source" character varying(32) NOT NULL, "modelVersionId" integer, "generatedAt" TIMESTAMP NOT NULL, CONSTRAINT "PK_23a8d2db26db8cabb6ae9d6cd87" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "recommendations_post" ON "recommendations"  ("postId") `);
        await queryRunner.query(`CREATE INDEX "recommendations_user_rank" ON "recommendations"  ("userId", "rank") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "recommendations_user_post" ON "recommendations"  ("userId", "postId") `);
        await queryRunner.query(`CREATE TABLE "segments" ("id" SERIAL NOT NULL, "modelVersionId" integer, "key" integer NOT NULL, "name" character varying(120) NOT NULL, "description" text NOT NULL, "size" integer NOT NULL DEFAULT '0', "profile" text, "createdAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_beff1eec19679fe8ad4f291f04e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "segments_version_key" ON "segments"  ("modelVersionId", "key") `);
        await queryRunner.query(`CREATE TABLE "segment_memberships" ("segmentId" integer NOT NULL, "userId" integer NOT NULL, "distance" double precision, "assignedAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_9f8bfa0b8293f13e44c11c8ddec" PRIMARY KEY ("segmentId", "userId"))`);
        await queryRunner.query(`CREATE INDEX "segment_memberships_user" ON "segment_memberships"  ("userId") `);
        await queryRunner.query(`CREATE TABLE "sentiment_scores" ("id" SERIAL NOT NULL, "targetType" character varying(16) NOT NULL, "targetId" integer NOT NULL, "postId" integer NOT NULL, "userId" integer NOT NULL, "occurredAt" TIMESTAMP NOT NULL, "analyzer" character varying(64) NOT NULL, "analyzerVersion" character varying(32) NOT NULL, "score" double precision NOT NULL, "label" character varying(16) NOT NULL, "details" text, "scoredAt" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_5a2428ce0ce6be8c588d2483bac" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "sentiment_time" ON "sentiment_scores"  ("occurredAt") `);
        await queryRunner.query(`CREATE INDEX "sentiment_user" ON "sentiment_scores"  ("userId") `);
        await queryRunner.query(`CREATE INDEX "sentiment_post_time" ON "sentiment_scores"  ("postId", "occurredAt") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "sentiment_target" ON "sentiment_scores"  ("targetType", "targetId", "analyzer") `);
        await queryRunner.query(`ALTER TABLE "posts" ADD CONSTRAINT "FK_c5a322ad12a7bf95460c958e80e" FOREIGN KEY ("authorId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "post_hashtags" ADD CONSTRAINT "FK_003e77538237089ff217a1cfe74" FOREIGN KEY ("postId") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "interactions" ADD CONSTRAINT "FK_9992157cbe54583ff7002ae4c00" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "interactions" ADD CONSTRAINT "FK_ffa112c8cba931d6ff9336f0169" FOREIGN KEY ("postId") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "predictions" ADD CONSTRAINT "FK_c616647b7369e865bdd7a6f42a8" FOREIGN KEY ("modelVersionId") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "recommendations" ADD CONSTRAINT "FK_fe2bbafb624389915b622d33041" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "recommendations" ADD CONSTRAINT "FK_bd4bbe59c1085232695128239a8" FOREIGN KEY ("postId") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "segments" ADD CONSTRAINT "FK_a7d814253969a9ffa3c1d45e4f8" FOREIGN KEY ("modelVersionId") REFERENCES "model_versions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "segment_memberships" ADD CONSTRAINT "FK_abe34565126d8fe708d8ff717ac" FOREIGN KEY ("segmentId") REFERENCES "segments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "segment_memberships" ADD CONSTRAINT "FK_5224d03ea6d04e5c2df43a6876e" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "segment_memberships" DROP CONSTRAINT "FK_5224d03ea6d04e5c2df43a6876e"`);
        await queryRunner.query(`ALTER TABLE "segment_memberships" DROP CONSTRAINT "FK_abe34565126d8fe708d8ff717ac"`);
        await queryRunner.query(`ALTER TABLE "segments" DROP CONSTRAINT "FK_a7d814253969a9ffa3c1d45e4f8"`);
        await queryRunner.query(`ALTER TABLE "recommendations" DROP CONSTRAINT "FK_bd4bbe59c1085232695128239a8"`);
        await queryRunner.query(`ALTER TABLE "recommendations" DROP CONSTRAINT "FK_fe2bbafb624389915b622d33041"`);
        await queryRunner.query(`ALTER TABLE "predictions" DROP CONSTRAINT "FK_c616647b7369e865bdd7a6f42a8"`);
        await queryRunner.query(`ALTER TABLE "interactions" DROP CONSTRAINT "FK_ffa112c8cba931d6ff9336f0169"`);
        await queryRunner.query(`ALTER TABLE "interactions" DROP CONSTRAINT "FK_9992157cbe54583ff7002ae4c00"`);
        await queryRunner.query(`ALTER TABLE "post_hashtags" DROP CONSTRAINT "FK_003e77538237089ff217a1cfe74"`);
        await queryRunner.query(`ALTER TABLE "posts" DROP CONSTRAINT "FK_c5a322ad12a7bf95460c958e80e"`);
        await queryRunner.query(`DROP INDEX "public"."sentiment_target"`);
        await queryRunner.query(`DROP INDEX "public"."sentiment_post_time"`);
        await queryRunner.query(`DROP INDEX "public"."sentiment_user"`);
        await queryRunner.query(`DROP INDEX "public"."sentiment_time"`);
        await queryRunner.query(`DROP TABLE "sentiment_scores"`);
        await queryRunner.query(`DROP INDEX "public"."segment_memberships_user"`);
        await queryRunner.query(`DROP TABLE "segment_memberships"`);
        await queryRunner.query(`DROP INDEX "public"."segments_version_key"`);
        await queryRunner.query(`DROP TABLE "segments"`);
        await queryRunner.query(`DROP INDEX "public"."recommendations_user_post"`);
        await queryRunner.query(`DROP INDEX "public"."recommendations_user_rank"`);
        await queryRunner.query(`DROP INDEX "public"."recommendations_post"`);
        await queryRunner.query(`DROP TABLE "recommendations"`);
        await queryRunner.query(`DROP INDEX "public"."predictions_target"`);
        await queryRunner.query(`DROP INDEX "public"."predictions_version"`);
        await queryRunner.query(`DROP TABLE "predictions"`);
        await queryRunner.query(`DROP INDEX "public"."model_versions_name_version"`);
        await queryRunner.query(`DROP INDEX "public"."model_versions_name_status"`);
        await queryRunner.query(`DROP TABLE "model_versions"`);
        await queryRunner.query(`DROP INDEX "public"."interactions_external"`);
        await queryRunner.query(`DROP INDEX "public"."interactions_post_time"`);
        await queryRunner.query(`DROP INDEX "public"."interactions_user_post"`);
        await queryRunner.query(`DROP INDEX "public"."interactions_time"`);
        await queryRunner.query(`DROP INDEX "public"."interactions_type_time"`);
        await queryRunner.query(`DROP TABLE "interactions"`);
        await queryRunner.query(`DROP INDEX "public"."post_hashtags_tag"`);
        await queryRunner.query(`DROP TABLE "post_hashtags"`);
        await queryRunner.query(`DROP INDEX "public"."posts_platform_external"`);
        await queryRunner.query(`DROP INDEX "public"."posts_published"`);
        await queryRunner.query(`DROP INDEX "public"."posts_platform_published"`);
        await queryRunner.query(`DROP INDEX "public"."posts_author_published"`);
        await queryRunner.query(`DROP INDEX "public"."posts_category_published"`);
        await queryRunner.query(`DROP TABLE "posts"`);
        await queryRunner.query(`DROP INDEX "public"."users_platform_handle"`);
        await queryRunner.query(`DROP INDEX "public"."users_followers"`);
        await queryRunner.query(`DROP INDEX "public"."users_created"`);
        await queryRunner.query(`DROP INDEX "public"."users_brand"`);
        await queryRunner.query(`DROP TABLE "users"`);
    }

}
