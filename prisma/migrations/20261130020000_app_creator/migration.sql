-- Who registered an app through the API: an administrator changes only apps registered by
-- themselves or by someone of a lower rank. Apps with no creator (the seeded `web`, those made by
-- `npm run app:create`, those whose creator is gone) are changed only from the highest rank.
ALTER TABLE "apps" ADD COLUMN "created_by" UUID;

-- AddForeignKey
ALTER TABLE "apps" ADD CONSTRAINT "apps_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
