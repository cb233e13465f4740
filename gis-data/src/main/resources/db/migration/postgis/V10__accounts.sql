-- Version 10: accounts and their API tokens, for writes (issue 14). Reads stay anonymous. No
-- account exists until the command line makes the first administrator
-- (java -jar ruralatlas.jar account add --admin NAME). A token's secret is never stored: only its
-- SHA-256 digest, by which a request finds it. An editor is scoped to 2025 province codes.
CREATE TABLE "accounts" (
    "name" text COLLATE "C" PRIMARY KEY CHECK ("name" ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    "role" text NOT NULL CHECK ("role" IN ('admin', 'reviewer', 'editor')),
    "provinces" text NOT NULL DEFAULT '' CHECK ("provinces" ~ '^([0-9]{2}(,[0-9]{2})*)?$'),
    "created" timestamptz NOT NULL DEFAULT now(),
    "disabled" boolean NOT NULL DEFAULT false,
    CHECK (("role" = 'editor') = ("provinces" <> ''))
);
COMMENT ON TABLE "accounts" IS 'Who may write: role admin, reviewer or editor (editors within the comma-separated 2025 province codes)';

CREATE TABLE "api_tokens" (
    "token_id" text COLLATE "C" PRIMARY KEY,
    "account" text COLLATE "C" NOT NULL REFERENCES "accounts" ("name") ON DELETE CASCADE,
    "label" text NOT NULL,
    "digest" text COLLATE "C" NOT NULL UNIQUE,
    "created" timestamptz NOT NULL,
    "expires" timestamptz NOT NULL,
    "revoked" timestamptz
);
CREATE INDEX "api_tokens_account_idx" ON "api_tokens" ("account");
COMMENT ON TABLE "api_tokens" IS 'Bearer tokens of accounts: the SHA-256 of the secret (shown once), expiry and revocation';
