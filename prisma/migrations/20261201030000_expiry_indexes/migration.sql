-- The sweeps of sessions and download credentials find the rows long past their expiry by these
-- indexes instead of scanning the tables. expires_at is written once (a deleted file's credentials
-- once more), so these indexes cost the hot updates of sessions (last_seen_at) nothing.
CREATE INDEX "sessions_expires_at_idx" ON "sessions"("expires_at");
CREATE INDEX "end_user_sessions_expires_at_idx" ON "end_user_sessions"("expires_at");
CREATE INDEX "download_credentials_expires_at_idx" ON "download_credentials"("expires_at");
