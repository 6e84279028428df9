-- Content worth reading and a way to keep it clean: tutorials gain tags, a cover image, an excerpt,
-- their sanitized HTML rendering, likes and search; users report what they see and moderators review.

-- Search ranks by trigram similarity and its index is a trigram index (pg_trgm ships with
-- PostgreSQL, the embedded server included, and is a trusted extension: a database owner adds it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

ALTER TABLE "tutorials"
    -- Written with the body; null only on rows from before rendering existed (rendered on first reading).
    ADD COLUMN "html" TEXT,
    ADD COLUMN "summary" VARCHAR(200),
    ADD COLUMN "excerpt" VARCHAR(200),
    ADD COLUMN "tags" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    ADD COLUMN "cover_file_id" UUID,
    ADD COLUMN "likes" INTEGER NOT NULL DEFAULT 0,
    ADD CONSTRAINT "tutorials_likes_check" CHECK ("likes" >= 0),
    ADD CONSTRAINT "tutorials_tags_check" CHECK (cardinality("tags") <= 8);

ALTER TABLE "tutorials" ADD CONSTRAINT "tutorials_cover_file_id_fkey" FOREIGN KEY ("cover_file_id") REFERENCES "files"("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "tutorials_cover_file_id_idx" ON "tutorials"("cover_file_id");

-- condition=tag:x and the tag counts read published rows only.
CREATE INDEX "tutorials_published_tags_idx" ON "tutorials" USING GIN ("tags") WHERE "status" = 'PUBLISHED';

-- What search matches: title, tags and body as one text. array_to_string is only STABLE in general
-- (its element type's output could depend on settings); for text[] it cannot, so this wrapper may
-- say IMMUTABLE and be indexed.
CREATE FUNCTION "tutorial_search_text"("title" TEXT, "tags" TEXT[], "body" TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT "title" || ' ' || pg_catalog.array_to_string("tags", ' ') || ' ' || "body" $$;

-- Speeds up search words of 3 or more characters (shorter ones have no trigram to look up and are
-- matched by scanning the published rows; the ILIKE decides either way).
CREATE INDEX "tutorials_published_search_idx" ON "tutorials" USING GIN ("tutorial_search_text"("title", "tags", "body") gin_trgm_ops)
    WHERE "status" = 'PUBLISHED';

-- Who likes which tutorial: one row per user, so tutorials.likes counts users however many likes race.
CREATE TABLE "tutorial_likes" (
    "tutorial_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "liked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tutorial_likes_pkey" PRIMARY KEY ("tutorial_id", "user_id")
);

-- What one user likes (recommendations, the caller's `liked`), and the cascade when a user is deleted.
CREATE INDEX "tutorial_likes_user_id_tutorial_id_idx" ON "tutorial_likes"("user_id", "tutorial_id");

ALTER TABLE "tutorial_likes" ADD CONSTRAINT "tutorial_likes_tutorial_id_fkey" FOREIGN KEY ("tutorial_id") REFERENCES "tutorials"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "tutorial_likes" ADD CONSTRAINT "tutorial_likes_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Reports: what a user saw and found wrong, and the moderator's verdict.
CREATE TYPE "ReportTargetType" AS ENUM ('tutorial', 'message', 'user', 'file');
CREATE TYPE "ReportReason" AS ENUM ('spam', 'abuse', 'illegal', 'copyright', 'other');
CREATE TYPE "ReportStatus" AS ENUM ('pending', 'approved', 'rejected');

CREATE TABLE "reports" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "reporter_id" UUID NOT NULL,
    "target_type" "ReportTargetType" NOT NULL,
    "target_id" UUID NOT NULL,
    "reason" "ReportReason" NOT NULL,
    "detail" VARCHAR(1000),
    "status" "ReportStatus" NOT NULL DEFAULT 'pending',
    "reviewer_id" UUID,
    "note" VARCHAR(500),
    "reviewed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reports_pkey" PRIMARY KEY ("id"),
    -- A verdict has a time, and a pending report has neither.
    CONSTRAINT "reports_reviewed_check" CHECK (("status" = 'pending') = ("reviewed_at" IS NULL))
);

-- One open report per reporter and target: a second report answers the open one, however many race.
CREATE UNIQUE INDEX "reports_open_per_reporter_key" ON "reports"("reporter_id", "target_type", "target_id") WHERE "status" = 'pending';
-- The moderators' queue, and the open reports of one target (reviewed together).
CREATE INDEX "reports_status_created_at_idx" ON "reports"("status", "created_at" DESC);
CREATE INDEX "reports_target_type_target_id_idx" ON "reports"("target_type", "target_id");
CREATE INDEX "reports_reporter_id_idx" ON "reports"("reporter_id");

ALTER TABLE "reports" ADD CONSTRAINT "reports_reporter_id_fkey" FOREIGN KEY ("reporter_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "reports" ADD CONSTRAINT "reports_reviewer_id_fkey" FOREIGN KEY ("reviewer_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
