-- Proof-of-work challenges of the citizen survey that have been used, so that a challenge counts
-- once on every server of this database and after any restart (the signing key is already shared,
-- in survey_settings). A row lives as long as its challenge could still be accepted; the servers
-- delete expired rows as they add new ones. No personal data: the id is the challenge's random part.
CREATE TABLE "used_challenges" (
    "challenge_id" text COLLATE "C" PRIMARY KEY,
    "expires_at" timestamptz NOT NULL
);
CREATE INDEX "used_challenges_expires_idx" ON "used_challenges" ("expires_at");
COMMENT ON TABLE "used_challenges" IS 'Survey proof-of-work challenges already answered (single use across servers), until they expire';
