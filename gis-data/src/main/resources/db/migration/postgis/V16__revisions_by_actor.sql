-- Version 16: an account's recent changes (issue 14) are read newest first by actor, a page at a
-- time; without this index each page read the whole audit, which an import of a million rows
-- makes a million rows longer.
CREATE INDEX "feature_revisions_actor_idx" ON "feature_revisions" ("actor", "revision");
