-- A QQ authorization is finished only by the client that started it: /qq/authorize hands that
-- client a one-time verifier, and the state keeps its SHA-256. A state made before this has no
-- verifier and could never be finished, so the flows under way are dropped (they live 10 minutes).
DELETE FROM "qq_states";

-- AlterTable
ALTER TABLE "qq_states" ADD COLUMN "verifier_hash" BYTEA NOT NULL,
    ADD CONSTRAINT "qq_states_verifier_hash_check" CHECK (octet_length("verifier_hash") = 32);
