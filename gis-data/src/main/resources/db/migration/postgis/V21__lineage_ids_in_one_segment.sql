-- Version 21: the ids of unit_lineage that loaders before version 20 wrote held '/'
-- (commune/00004/01, province/01), which no path segment of /collections/unit_lineage/items/{id}
-- can carry (the edge refuses an encoded '/'), so those records were served in lists but no URL
-- reached them, nor their revisions, nor a write. The loader now writes '~' (commune~00004~01), as
-- the assessments' ids; this gives a database loaded before the same ids. The record triggers audit
-- each as the old id deleted and the new one inserted, under this migration's name, and announce it.
SET LOCAL "ruralatlas.actor" = 'migration V21';
-- (an id whose new spelling is taken already is left as it is, rather than fail the upgrade)
UPDATE "unit_lineage" o SET "lineage_id" = replace(o."lineage_id", '/', '~')
WHERE o."lineage_id" LIKE '%/%'
  AND NOT EXISTS (SELECT FROM "unit_lineage" n WHERE n."lineage_id" = replace(o."lineage_id", '/', '~'));
SET LOCAL "ruralatlas.actor" = '';
