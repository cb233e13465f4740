-- Version 19: proposals from the public (issue 14). Anyone may propose a correction of a feature
-- or a new one (a tourism site); it waits here until a reviewer of its provinces accepts it (it
-- becomes an edit, audited as the reviewer's, whose revision number is noted here) or rejects it
-- with a reason. Nothing personal is kept: no address, no account, no device; the proposal's
-- provinces (its feature's, before and after) decide which reviewers see it. The status moves
-- once from pending, whatever the concurrency (the servers update WHERE status = 'pending').
CREATE TABLE "proposals" (
    "seq" bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    "proposal_id" text COLLATE "C" NOT NULL UNIQUE,
    "layer" text COLLATE "C" NOT NULL,
    "feature_id" text COLLATE "C" NOT NULL,
    "kind" text NOT NULL CHECK ("kind" IN ('correction', 'new')),
    "feature" text NOT NULL,
    "comment" text,
    "base_digest" text,
    "provinces" text NOT NULL DEFAULT '' CHECK ("provinces" ~ '^([0-9]{2}(,[0-9]{2})*)?$'),
    "status" text NOT NULL DEFAULT 'pending' CHECK ("status" IN ('pending', 'accepted', 'rejected')),
    "created" timestamptz NOT NULL,
    "decided_by" text,
    "decided_at" timestamptz,
    "reason" text,
    "revision" bigint,
    CHECK (("kind" = 'correction') = ("base_digest" IS NOT NULL)),
    CHECK ("status" <> 'rejected' OR "reason" IS NOT NULL)
);
CREATE INDEX "proposals_status_idx" ON "proposals" ("status", "seq");
COMMENT ON TABLE "proposals" IS 'Corrections and new features proposed by the public, pending until a reviewer of their provinces accepts (an audited edit) or rejects them';

CREATE TABLE "proposal_provinces" (
    "proposal_id" text COLLATE "C" NOT NULL REFERENCES "proposals" ("proposal_id") ON DELETE CASCADE,
    "province_code" text COLLATE "C" NOT NULL,
    PRIMARY KEY ("proposal_id", "province_code")
);
CREATE INDEX "proposal_provinces_code_idx" ON "proposal_provinces" ("province_code");

-- reviewers are scoped to provinces as editors are (an editor still needs some, an admin has none)
ALTER TABLE "accounts" DROP CONSTRAINT "accounts_check";
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_check"
    CHECK (("role" <> 'editor' OR "provinces" <> '') AND ("role" <> 'admin' OR "provinces" = ''));
