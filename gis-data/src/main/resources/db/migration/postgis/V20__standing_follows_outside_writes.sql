-- Version 20: a commune's NTM standing follows its newest assessment also when the assessment is
-- written outside RuralAtlas (issue 14). RuralAtlas's own writes (API, import: CommuneStanding in
-- the same transaction; the loader, which writes the communes as the sample built them) name their
-- account in "ruralatlas.actor" and are left alone here, so they are neither done twice nor audited
-- twice. A write from psql, QGIS or an ETL script names none: then, once per statement and set-based
-- (one UPDATE whatever the number of rows), the current version of each concerned unit (old and new
-- unit_id) is given the fields its newest assessment says, exactly as CommuneStanding does: only
-- rural communes ('xa'), only a version not ended (valid_to before today in Vietnam's calendar is
-- history), newest = latest assessed_on (unknown last), then smallest assessment_id, among the
-- criteria sets the communes may hold (the catalogue's enum of communes.criteria_set); with none
-- left, the fields are emptied. The communes' own triggers then audit the change as 'outside
-- RuralAtlas' and announce it (V7), so tiles, downloads and ETags follow. A load with
-- "ruralatlas.audit" = 'off' is skipped as well.
CREATE FUNCTION "ruralatlas"."follow_newest_assessment"() RETURNS trigger LANGUAGE plpgsql
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

CREATE TRIGGER "ntm_assessments_standing_insert" AFTER INSERT ON "ntm_assessments"
    REFERENCING NEW TABLE AS "moved_new"
    FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas"."follow_newest_assessment"();
CREATE TRIGGER "ntm_assessments_standing_update" AFTER UPDATE ON "ntm_assessments"
    REFERENCING OLD TABLE AS "moved_old" NEW TABLE AS "moved_new"
    FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas"."follow_newest_assessment"();
CREATE TRIGGER "ntm_assessments_standing_delete" AFTER DELETE ON "ntm_assessments"
    REFERENCING OLD TABLE AS "moved_old"
    FOR EACH STATEMENT EXECUTE FUNCTION "ruralatlas"."follow_newest_assessment"();
