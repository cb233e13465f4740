-- Version 25: the cells of one farm that name no farm (V22's one_id is NULL: cells counted before
-- V22, and cells brought down to one farm by a delete or a move away), so that the server can find
-- and name them (tile-cache's PostgisCellHints) at the cost of what is left to name, not of the
-- table. Usually empty or small: a farm that comes alone into an empty cell names itself.
CREATE INDEX "farms_cells_unnamed" ON "farms_cells" ("z", "tx", "ty", "cx", "cy", "value")
    WHERE "n" = 1 AND "one_id" IS NULL;
