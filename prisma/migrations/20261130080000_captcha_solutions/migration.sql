-- Proof-of-work captchas (ALTCHA): a challenge is signed, so the server keeps nothing when it
-- issues one; it keeps the SHA-256 of each challenge once solved, until the challenge expires.
-- The primary key refuses a second use, even of parallel requests carrying the same solution.
CREATE TABLE "captcha_solutions" (
    "challenge_hash" BYTEA NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "captcha_solutions_pkey" PRIMARY KEY ("challenge_hash"),
    CONSTRAINT "captcha_solutions_challenge_hash_check" CHECK (octet_length("challenge_hash") = 32)
);

-- Expired solutions are swept.
CREATE INDEX "captcha_solutions_expires_at_idx" ON "captcha_solutions"("expires_at");
