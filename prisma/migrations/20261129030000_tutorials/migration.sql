-- Tutorials: written by platform users in markdown, read by everyone once published. A draft,
-- a tutorial awaiting a publisher and a hidden one are seen only by their author and publishers.
CREATE TYPE "TutorialStatus" AS ENUM ('DRAFT', 'PENDING', 'PUBLISHED', 'HIDDEN');

CREATE TABLE "tutorials" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "author_id" UUID NOT NULL,
    "title" VARCHAR(100) NOT NULL,
    "body" TEXT NOT NULL,
    "status" "TutorialStatus" NOT NULL DEFAULT 'DRAFT',
    "views" INTEGER NOT NULL DEFAULT 0,
    "published_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tutorials_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "tutorials_title_check" CHECK (char_length("title") >= 1),
    CONSTRAINT "tutorials_body_check" CHECK (char_length("body") BETWEEN 1 AND 100000),
    CONSTRAINT "tutorials_views_check" CHECK ("views" >= 0),
    -- Whatever the code does, a published tutorial has a publication time to rank it by.
    CONSTRAINT "tutorials_published_at_check" CHECK ("status" <> 'PUBLISHED' OR "published_at" IS NOT NULL)
);

-- An author's tutorials (the author filter, and the cascade when a user is deleted).
CREATE INDEX "tutorials_author_id_created_at_idx" ON "tutorials"("author_id", "created_at" DESC);

-- The public list only ever reads published rows. Each index holds every column a page is ranked
-- by (views, published_at, created_at, id), so ranking is an index-only scan that never reads a
-- body: newest first or by views straight in index order, the hot rank (which moves with the
-- clock, so no index can hold it) as a top-N sort over the scan.
CREATE INDEX "tutorials_published_new_idx" ON "tutorials"("published_at" DESC NULLS LAST, "created_at" DESC, "id" DESC)
    INCLUDE ("views") WHERE "status" = 'PUBLISHED';
CREATE INDEX "tutorials_published_views_idx" ON "tutorials"("views" DESC, "published_at" DESC NULLS LAST, "created_at" DESC, "id" DESC)
    WHERE "status" = 'PUBLISHED';
-- The publishers' queues (PENDING, HIDDEN) and authors' drafts are few beside the published rows.
CREATE INDEX "tutorials_unpublished_status_idx" ON "tutorials"("status", "created_at" DESC) WHERE "status" <> 'PUBLISHED';

ALTER TABLE "tutorials" ADD CONSTRAINT "tutorials_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Who has read which published tutorial: one row per reader, so tutorials.views counts readers
-- (a reading adds 1 only when it inserts the row) and recommendations skip what was seen.
CREATE TABLE "tutorial_views" (
    "tutorial_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "viewed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tutorial_views_pkey" PRIMARY KEY ("tutorial_id", "user_id")
);

-- What one user has seen (recommendations), and the cascade when a user is deleted.
CREATE INDEX "tutorial_views_user_id_tutorial_id_idx" ON "tutorial_views"("user_id", "tutorial_id");

ALTER TABLE "tutorial_views" ADD CONSTRAINT "tutorial_views_tutorial_id_fkey" FOREIGN KEY ("tutorial_id") REFERENCES "tutorials"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "tutorial_views" ADD CONSTRAINT "tutorial_views_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
