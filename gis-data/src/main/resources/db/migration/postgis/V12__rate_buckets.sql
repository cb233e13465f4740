-- Token buckets of the rate limits (downloads per client, survey answers per client and per commune),
-- shared by every server of this database so that a limit holds whichever replica a request reaches.
-- A server takes a token with one INSERT … ON CONFLICT DO UPDATE … RETURNING (atomic under the row
-- lock), refilling by the time since "at" on the database's clock, so the servers' clocks do not
-- matter. Rows of buckets idle long enough to be full again are deleted by the servers as they go.
CREATE TABLE "rate_buckets" (
    "limit_name" text COLLATE "C" NOT NULL,
    "bucket_key" text COLLATE "C" NOT NULL,
    "tokens" double precision NOT NULL,
    "granted" boolean NOT NULL,
    "at" timestamptz NOT NULL,
    PRIMARY KEY ("limit_name", "bucket_key")
);
CREATE INDEX "rate_buckets_at_idx" ON "rate_buckets" ("at");
COMMENT ON TABLE "rate_buckets" IS 'Rate-limit token buckets shared by every server (tokens left at "at"; granted: whether the last take got one)';
