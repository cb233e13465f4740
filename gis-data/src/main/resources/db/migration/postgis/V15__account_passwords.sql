-- Version 15: a password per account, for signing in from the viewer (issue 14). Only its hash is
-- kept (bcrypt, made by the server: the database never sees a password); NULL: the account signs
-- in with API tokens only, as every account did before.
ALTER TABLE "accounts" ADD COLUMN "password_hash" text;
COMMENT ON COLUMN "accounts"."password_hash" IS 'bcrypt hash of the account''s password for browser sign-in; NULL: tokens only';
