-- Tries at password reset codes are counted per account across all its codes, by the shared
-- attempt limiter and before any code is compared, no longer per code: the column is unused.
ALTER TABLE "password_resets" DROP COLUMN "attempts";
