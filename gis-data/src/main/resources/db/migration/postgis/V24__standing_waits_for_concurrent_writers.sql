-- Version 24: V20's trigger, made safe for concurrent writers. V20 read a unit's newest assessment
-- and updated the commune in one statement, whose snapshot is taken before the commune's row is
-- locked: two transactions assessing one commune at once (two psql sessions, an ETL script beside
-- RuralAtlas's API) could each read the newest without the other's assessment, and the one that
-- committed last left the commune standing as an assessment that is not the newest. Now the
-- trigger first holds the concerned communes' rows (FOR UPDATE, in unit_id order so that two
-- writers never lock in opposite orders, as RuralAtlas's own writes hold them), always, even
-- when nothing will change, so that a later writer waits for this transaction to end; then the
-- UPDATE, a new statement (READ COMMITTED), reads what has committed meanwhile. Under REPEATABLE
-- READ or SERIALIZABLE the writer that waited gets PostgreSQL's serialization failure instead,
-- and retries. Otherwise as V20.
CREATE OR REPLACE FUNCTION "ruralatlas"."follow_newest_assessment"() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    concerned text;
BEGIN
    IF nullif(current_setting('ruralatlas.actor', true), '') IS NOT NULL
       OR current_setting('ruralatlas.audit', true) = 'off' THEN
        RETURN NULL;
    END IF;
    concerned := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT "unit_id" FROM "moved_new"'
        WHEN 'DELETE' THEN 'SELECT "unit_id" FROM "moved_old"'
        ELSE 'SELECT "unit_id" FROM "moved_old" UNION SELECT "unit_id" FROM "moved_new"' END;
    EXECUTE format(
        'SELECT count(*) FROM (SELECT 1 FROM %1$I."communes" c WHERE c."unit_id" IN (%2$s) '
        'ORDER BY c."unit_id" FOR UPDATE OF c) held',
        TG_TABLE_SCHEMA, concerned);
    EXECUTE format(
        'UPDATE %1$I."communes" c SET "ntm_level" = n."ntm_level", "criteria_set" = n."criteria_set", '
        '"criteria_met" = n."criteria_met", "criteria_total" = n."criteria_total" '
        'FROM (SELECT u."unit_id", a."ntm_level", a."criteria_set", a."criteria_met", a."criteria_total" '
        '      FROM (%2$s) u LEFT JOIN LATERAL ('
        '        SELECT * FROM %1$I."ntm_assessments" x WHERE x."unit_id" = u."unit_id" '
        '        AND x."criteria_set" IN (''commune_2021_2025'', ''commune_advanced_2021_2025'', '
        '                                 ''commune_model_2021_2025'', ''commune_2026_2030'') '
        '        ORDER BY x."assessed_on" IS NULL, x."assessed_on" DESC, x."assessment_id" LIMIT 1) a ON true '
        '      WHERE u."unit_id" IS NOT NULL) n '
        'WHERE c."unit_id" = n."unit_id" AND c."unit_type" = ''xa'' '
        'AND (c."valid_to" IS NULL OR c."valid_to" >= (now() AT TIME ZONE ''Asia/Ho_Chi_Minh'')::date) '
        'AND (c."ntm_level", c."criteria_set", c."criteria_met", c."criteria_total") IS DISTINCT FROM '
        '    (n."ntm_level", n."criteria_set", n."criteria_met", n."criteria_total")',
        TG_TABLE_SCHEMA, concerned);
    RETURN NULL;
END;
$$;
