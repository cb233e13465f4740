package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.account.Role;
import org.ruralatlas.tiles.TileCoord;
import tools.jackson.databind.JsonNode;

/**
 * The NTM programme's records (assessments, recognitions, targets, criteria…) are edited as the
 * map's features are (issue 14: "the NTM record tables are editable the same way"): items with
 * ETags at {@code /collections/{id}/items/{recordId}}, Part 4 writes with {@code If-Match},
 * revisions and restore. A record has no geometry, so whose it is comes from what it names: the
 * province of its commune, which an editor must hold; records that name no province are the
 * administrators'. An assessment names an existing version of a rural commune, with that
 * version's codes and a date in its validity; once the version has ended, its assessments are
 * history (409). Every refusal leaves the table as it was (counted and hashed).
 */
interface RecordEditContract extends EditContract {

    /**
     * Makes every write of the commune version {@code unitId} fail in the store (a trigger), or, with {@code fail}
     * false, lets them through again.
     */
    void failCommuneWrites(String unitId, boolean fail) throws Exception;

    String ASSESSMENTS = "ntm_assessments";
    /** A rural commune (xã) of Bắc Ninh (24) and its sample assessment. */
    String UNIT_24 = "07264@2025-07-01";

    String ASSESSMENT_24 = UNIT_24 + "~commune_2021_2025";
    /** A rural commune of Hà Nội (01), outside an editor of 24. */
    String UNIT_01 = "00382@2025-07-01";

    default Http.Reply post(String auth, String layer, String properties) {
        return send(
                "POST",
                "/collections/" + layer + "/items",
                "{\"type\":\"Feature\",\"geometry\":null,\"properties\":" + properties + "}",
                "Authorization",
                auth,
                "Content-Type",
                "application/geo+json");
    }

    /** The problems a 422 lists, as "property: detail" lines. */
    default List<String> problems(Http.Reply r) {
        assertThat(r.status()).as(r.text()).isEqualTo(422);
        List<String> out = new ArrayList<>();
        r.json()
                .get("errors")
                .forEach(e -> out.add(
                        e.get("property").asString() + ": " + e.get("detail").asString()));
        return out;
    }

    @Test
    default void recordsAreItemsWithETagsOutsideTheListOfCollectionsAndNoBoxMeetsThem() {
        Http.Reply item = Http.get(url("/collections/" + ASSESSMENTS + "/items/" + ASSESSMENT_24));
        assertThat(item.status()).as(item.text()).isEqualTo(200);
        assertThat(item.header("ETag")).isNotBlank();
        assertThat(item.json().get("geometry").isNull()).isTrue();
        assertThat(item.json().get("properties").get("unit_id").asString()).isEqualTo(UNIT_24);
        assertThat(Http.get(url("/collections/" + ASSESSMENTS)).status()).isEqualTo(200);
        assertThat(Http.get(url("/collections")).text()).doesNotContain("\"" + ASSESSMENTS + "\"");
        for (String place : List.of("bbox=105,20,107", "datetime=yesterday", "filter-crs=x", "bbox-crs=EPSG:1")) {
            Http.Reply r = Http.get(url("/collections/" + ASSESSMENTS + "/items?" + place));
            assertThat(r.status()).as(place).isEqualTo(400);
            assertThat(r.json().get("parameter").asString()).isEqualTo(place.split("=")[0]);
        }
        // OGC API - Features Part 1 asks bbox and datetime of every items path (the OGC suite
        // checks the document for them): no record has a geometry to meet a box, nor validity dates
        String all = "/collections/" + ASSESSMENTS + "/items?limit=1";
        long records = Http.get(url(all)).json().get("numberMatched").asLong();
        assertThat(records).isPositive();
        for (String box : List.of("bbox=105,20,107,22", "bbox=-180,-90,180,90", "bbox=177,65,-177,70")) {
            Http.Reply r = Http.get(url(all + "&" + box));
            assertThat(r.status()).as(box + r.text()).isEqualTo(200);
            assertThat(r.json().get("numberMatched").asLong()).as(box).isZero();
            assertThat(r.json().get("features")).as(box).isEmpty();
        }
        for (String time : List.of("datetime=2025-07-01", "datetime=../2010-01-01", "datetime=2024-01-01/..")) {
            Http.Reply r = Http.get(url(all + "&" + time));
            assertThat(r.status()).as(time + r.text()).isEqualTo(200);
            assertThat(r.json().get("numberMatched").asLong()).as(time).isEqualTo(records);
        }
        assertThat(Http.get(url("/collections/" + ASSESSMENTS + "/tiles")).status())
                .isEqualTo(404);
    }

    @Test
    default void anEditorRecordsAnAssessmentInItsProvinceOnlyAndTheAuditNamesIt() {
        String editor = bearer(Role.EDITOR, "24");
        String before = state(ASSESSMENTS);
        String body = "{\"unit_id\":\"%s\",\"province_code\":\"%s\",\"criteria_set\":\"commune_2021_2025\","
                + "\"assessed_on\":\"2026-11-02\",\"ntm_level\":\"advanced\",\"criteria_met\":19,\"criteria_total\":19}";
        // not its province; its province claimed for another's commune; no account; a reviewer
        assertThat(post(editor, ASSESSMENTS, body.formatted(UNIT_01, "01")).status())
                .isEqualTo(403);
        assertThat(post(editor, ASSESSMENTS, body.formatted(UNIT_01, "24")).status())
                .isIn(403, 422);
        assertThat(send("POST", "/collections/" + ASSESSMENTS + "/items", "{}", "Content-Type", "application/geo+json")
                        .status())
                .isEqualTo(401);
        assertThat(post(bearer(Role.REVIEWER), ASSESSMENTS, body.formatted(UNIT_24, "24"))
                        .status())
                .isEqualTo(403);
        assertThat(state(ASSESSMENTS)).isEqualTo(before);

        Http.Reply created = post(editor, ASSESSMENTS, body.formatted(UNIT_24, "24"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = UNIT_24 + "~commune_2021_2025~2026-11-02";
        assertThat(created.header("Location")).endsWith("/collections/" + ASSESSMENTS + "/items/" + id);
        assertThat(created.json().get("properties").get("commune_code").asString())
                .as("filled from the unit")
                .isEqualTo("07264");
        assertThat(post(editor, ASSESSMENTS, body.formatted(UNIT_24, "24")).status())
                .as("the same assessment again")
                .isEqualTo(409);
        JsonNode listed = Http.get(url("/ntm/assessments?commune=07264")).json();
        assertThat(listed.toString()).contains(id);
        JsonNode revision = Http.get(url("/collections/" + ASSESSMENTS + "/items/" + id + "/revisions"))
                .json()
                .get("revisions")
                .get(0);
        assertThat(revision.get("operation").asString()).isEqualTo("insert");
        assertThat(revision.get("after").get("properties").get("ntm_level").asString())
                .isEqualTo("advanced");
        JsonNode mine =
                Http.get(url("/account/changes"), "Authorization", editor).json();
        assertThat(mine.toString()).contains(id);
    }

    @Test
    default void anAssessmentNamesAVersionOfARuralCommuneWithItsCodesAndEveryProblemIsListed() {
        String admin = bearer(Role.ADMIN);
        String before = state(ASSESSMENTS);
        String ward = Http.get(url("/collections/communes/items?unit_type=phuong&province_code=01&limit=1"))
                .json()
                .get("features")
                .get(0)
                .get("id")
                .asString();
        assertThat(problems(post(
                        admin,
                        ASSESSMENTS,
                        "{\"unit_id\":\"" + ward + "\",\"province_code\":\"01\",\"criteria_set\":\"commune_2021_2025\","
                                + "\"assessed_on\":\"2026-01-01\"}")))
                .anyMatch(p -> p.startsWith("unit_id: ") && p.contains("only rural communes"));
        assertThat(problems(post(
                        admin,
                        ASSESSMENTS,
                        "{\"unit_id\":\"" + UNIT_24 + "\",\"province_code\":\"24\",\"commune_code\":\"99999\","
                                + "\"criteria_set\":\"commune_2021_2025\",\"assessed_on\":\"2020-01-01\","
                                + "\"criteria_met\":20,\"criteria_total\":19,\"ntm_level\":\"gold\"}")))
                .as("the schema's problems come first")
                .anyMatch(p -> p.startsWith("ntm_level: "));
        assertThat(problems(post(
                        admin,
                        ASSESSMENTS,
                        "{\"unit_id\":\"" + UNIT_24 + "\",\"province_code\":\"24\",\"commune_code\":\"99999\","
                                + "\"criteria_set\":\"commune_2021_2025\",\"assessed_on\":\"2020-01-01\","
                                + "\"criteria_met\":20,\"criteria_total\":19}")))
                .anyMatch(p -> p.startsWith("commune_code: "))
                .anyMatch(p -> p.startsWith("assessed_on: "))
                .anyMatch(p -> p.startsWith("criteria_met: "));
        assertThat(problems(post(admin, ASSESSMENTS, "{\"unit_id\":\"99999@2025-07-01\",\"province_code\":\"24\"}")))
                .anyMatch(p -> p.startsWith("criteria_set: "))
                .anyMatch(p -> p.startsWith("assessed_on: "));
        Http.Reply placed = send(
                "POST",
                "/collections/" + ASSESSMENTS + "/items",
                "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[106.1,21.2]},"
                        + "\"properties\":{\"unit_id\":\"" + UNIT_24 + "\",\"province_code\":\"24\","
                        + "\"criteria_set\":\"commune_2021_2025\",\"assessed_on\":\"2026-02-01\"}}",
                "Authorization",
                admin,
                "Content-Type",
                "application/geo+json");
        assertThat(problems(placed)).anyMatch(p -> p.startsWith("geometry: "));
        assertThat(state(ASSESSMENTS)).isEqualTo(before);
    }

    /** Every record of every table is reachable by its id (lineage ids held a '/', which no path segment can). */
    @Test
    default void everyRecordIsReachableByItsId() {
        for (String table : List.of(
                ASSESSMENTS,
                "unit_lineage",
                "ntm_targets",
                "ntm_criteria",
                "ntm_criteria_sets",
                "historical_recognitions",
                "reported_province_figures")) {
            JsonNode page =
                    Http.get(url("/collections/" + table + "/items?limit=40")).json();
            assertThat(page.get("features")).as(table).isNotEmpty();
            for (JsonNode record : page.get("features")) {
                String id = record.get("id").asString();
                String segment = java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20");
                Http.Reply r = Http.get(url("/collections/" + table + "/items/" + segment));
                assertThat(r.status()).as(table + " " + id + ": " + r.text()).isEqualTo(200);
                assertThat(r.json().get("id").asString()).isEqualTo(id);
            }
        }
    }

    @Test
    default void recordsThatNameNoProvinceAreTheAdministratorsAlone() {
        String editor = bearer(Role.EDITOR, "24");
        String admin = bearer(Role.ADMIN);
        String before = state("ntm_targets");
        String etag = etag("ntm_targets", "ntm-2025-share");
        assertThat(patch(editor, "ntm_targets", "ntm-2025-share", etag, "{\"properties\":{\"threshold\":85}}"))
                .isEqualTo("403");
        assertThat(patch(
                        editor,
                        "ntm_criteria",
                        "commune_2021_2025:1",
                        etag("ntm_criteria", "commune_2021_2025:1"),
                        "{\"properties\":{\"remark\":\"x\"}}"))
                .isEqualTo("403");
        assertThat(state("ntm_targets")).isEqualTo(before);
        assertThat(patch(admin, "ntm_targets", "ntm-2025-share", etag, "{\"properties\":{\"threshold\":85}}"))
                .isEqualTo("200");
        JsonNode targets = Http.get(url("/ntm/targets")).json();
        assertThat(targets.toString()).contains("85");
        assertThat(patch(
                        admin,
                        "ntm_targets",
                        "ntm-2025-share",
                        etag("ntm_targets", "ntm-2025-share"),
                        "{\"properties\":{\"threshold\":80}}"))
                .isEqualTo("200");
    }

    @Test
    default void recordWritesNeedTheCurrentETagAndOfConcurrentOnesExactlyOneWins() throws Exception {
        String editor = bearer(Role.EDITOR, "24");
        String path = "/collections/" + ASSESSMENTS + "/items/" + ASSESSMENT_24;
        assertThat(send(
                                "PATCH",
                                path,
                                "{\"properties\":{\"ntm_level\":\"ntm\"}}",
                                "Authorization",
                                editor,
                                "Content-Type",
                                "application/merge-patch+json")
                        .status())
                .isEqualTo(428);
        String etag = etag(ASSESSMENTS, ASSESSMENT_24);
        int writers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String level = i % 2 == 0 ? "none" : "ntm";
            int met = 10 + i;
            answers.add(pool.submit(() -> {
                start.await();
                return patch(
                        editor,
                        ASSESSMENTS,
                        ASSESSMENT_24,
                        etag,
                        "{\"properties\":{\"ntm_level\":\"" + level + "\",\"criteria_met\":" + met
                                + ",\"criteria_passed\":[],\"criteria_failed\":[]}}");
            }));
        }
        start.countDown();
        List<String> statuses = new ArrayList<>();
        for (Future<String> a : answers) {
            statuses.add(a.get());
        }
        pool.shutdown();
        assertThat(statuses).containsOnly("200", "412");
        assertThat(statuses.stream().filter("200"::equals).count())
                .as(statuses.toString())
                .isEqualTo(1);
        assertThat(patch(editor, ASSESSMENTS, ASSESSMENT_24, etag, "{\"properties\":{\"ntm_level\":\"model\"}}"))
                .isEqualTo("412");
        JsonNode revisions = Http.get(url(path + "/revisions")).json().get("revisions");
        assertThat(revisions.size()).isEqualTo(1);
    }

    @Test
    default void aDeletedRecordIsRestoredFromItsRevisionsAndHostilePathsChangeNothing() {
        String admin = bearer(Role.ADMIN);
        String id = "bg-phuc-hoa";
        JsonNode was = item("historical_recognitions", id);
        String before = state("historical_recognitions");
        for (String hostile : List.of(
                id + "'%20OR%20'1'='1",
                "..%2F..%2Fntm_targets%2Fitems%2Fntm-2025-share",
                id + "%00",
                "%2e%2e",
                id + ";drop")) {
            Http.Reply r = send(
                    "DELETE",
                    "/collections/historical_recognitions/items/" + hostile,
                    null,
                    "Authorization",
                    admin,
                    "If-Match",
                    "*");
            assertThat(r.status()).as(hostile + " " + r.text()).isBetween(400, 499);
        }
        assertThat(state("historical_recognitions")).isEqualTo(before);
        Http.Reply deleted = send(
                "DELETE",
                "/collections/historical_recognitions/items/" + id,
                null,
                "Authorization",
                admin,
                "If-Match",
                etag("historical_recognitions", id));
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);
        assertThat(Http.get(url("/collections/historical_recognitions/items/" + id))
                        .status())
                .isEqualTo(404);
        JsonNode revisions = Http.get(url("/collections/historical_recognitions/items/" + id + "/revisions"))
                .json()
                .get("revisions");
        assertThat(revisions.get(revisions.size() - 1).get("operation").asString())
                .isEqualTo("delete");
        Http.Reply restored = send(
                "POST",
                "/collections/historical_recognitions/items/" + id + "/revisions/"
                        + revisions.get(revisions.size() - 1).get("revision").asLong() + "/restore",
                null,
                "Authorization",
                admin);
        // the sample's rows have no revision before their delete: restoring the delete undoes it
        assertThat(restored.status()).as(restored.text()).isEqualTo(200);
        assertThat(item("historical_recognitions", id).get("properties")).isEqualTo(was.get("properties"));
        assertThat(state("historical_recognitions")).isEqualTo(before);
    }

    @Test
    default void theAssessmentsOfAnEndedVersionOfACommuneAreHistory() {
        String admin = bearer(Role.ADMIN);
        JsonNode assessment = Http.get(url("/collections/" + ASSESSMENTS + "/items?province_code=96&limit=1"))
                .json()
                .get("features")
                .get(0);
        String unit = assessment.get("properties").get("unit_id").asString();
        String was = standing(unit);
        // the commune's version ends (a merger, say): its assessments become history
        assertThat(patch(
                        admin,
                        "communes",
                        unit,
                        etag("communes", unit),
                        "{\"properties\":{\"valid_to\":\"2026-01-31\"}}"))
                .isEqualTo("200");
        String id = assessment.get("id").asString();
        Http.Reply changed = send(
                "PATCH",
                "/collections/" + ASSESSMENTS + "/items/" + id,
                "{\"properties\":{\"ntm_level\":\"model\"}}",
                "Authorization",
                admin,
                "If-Match",
                etag(ASSESSMENTS, id),
                "Content-Type",
                "application/merge-patch+json");
        assertThat(changed.status()).as(changed.text()).isEqualTo(409);
        Http.Reply added = post(
                admin,
                ASSESSMENTS,
                "{\"unit_id\":\"" + unit + "\",\"province_code\":\"96\",\"criteria_set\":\"commune_2021_2025\","
                        + "\"assessed_on\":\"2026-01-15\"}");
        assertThat(added.status()).as(added.text()).isEqualTo(409);
        assertThat(standing(unit)).as("an ended version's standing is history").isEqualTo(was);
        assertThat(item(ASSESSMENTS, id).get("properties").get("ntm_level"))
                .isEqualTo(assessment.get("properties").get("ntm_level"));
    }

    @Test
    default void onlyRuralCommunesTakeAnNtmLevel() {
        String admin = bearer(Role.ADMIN);
        String ward = ward24();
        Http.Reply r = send(
                "PATCH",
                "/collections/communes/items/" + ward,
                "{\"properties\":{\"ntm_level\":\"advanced\"}}",
                "Authorization",
                admin,
                "If-Match",
                etag("communes", ward),
                "Content-Type",
                "application/merge-patch+json");
        assertThat(problems(r)).anyMatch(p -> p.startsWith("ntm_level: ") && p.contains("only rural communes"));
        // its level, as every commune's, follows its assessments: a write may leave it as it is
        String level = item("communes", ward).get("properties").get("ntm_level").toString();
        assertThat(patch(
                        admin,
                        "communes",
                        ward,
                        etag("communes", ward),
                        "{\"properties\":{\"ntm_level\":" + level + ",\"name_en\":\"A ward\"}}"))
                .isEqualTo("200");
    }

    /** A ward (phường) of Bắc Ninh (24), which takes no NTM level; its unit id. */
    default String ward24() {
        return Http.get(url("/collections/communes/items?unit_type=phuong&province_code=24&limit=1"))
                .json()
                .get("features")
                .get(0)
                .get("id")
                .asString();
    }

    /** A current rural commune of Bắc Ninh (24) other than {@link #UNIT_24}, the {@code n}th by id; its unit id. */
    default String ruralCommune24(int n) {
        return Http.get(url("/collections/communes/items?unit_type=xa&province_code=24&limit=1&offset=" + (10 + n)))
                .json()
                .get("features")
                .get(0)
                .get("id")
                .asString();
    }

    @Test
    default void aCommunesFollowedFieldsAreNotEditedButLeftAsTheyAre() {
        String admin = "Bearer " + Http.ADMIN_TOKEN;
        String unit = ruralCommune24(5);
        JsonNode commune = item("communes", unit);
        String before = commune.toString();
        JsonNode p = commune.get("properties");
        String level = "\"model\"".equals(p.get("ntm_level").toString()) ? "ntm" : "model";
        Http.Reply refused = send(
                "PATCH",
                "/collections/communes/items/" + unit,
                "{\"properties\":{\"ntm_level\":\"" + level + "\",\"criteria_met\":3,\"name_en\":\"x\"}}",
                "Authorization",
                admin,
                "If-Match",
                etag("communes", unit),
                "Content-Type",
                "application/merge-patch+json");
        assertThat(refused.status()).as(refused.text()).isEqualTo(422);
        assertThat(refused.text())
                .contains("ntm_level")
                .contains("criteria_met")
                .contains("record an assessment instead")
                .doesNotContain("criteria_total");
        assertThat(item("communes", unit).toString()).as("nothing written").isEqualTo(before);
        String same = "{\"properties\":{\"ntm_level\":" + p.get("ntm_level") + ",\"criteria_met\":"
                + p.get("criteria_met") + ",\"name_en\":\"Same standing\"}}";
        assertThat(patch(admin, "communes", unit, etag("communes", unit), same))
                .as("the same values and other properties may be sent")
                .startsWith("2");
        assertThat(item("communes", unit).get("properties").get("name_en").asString())
                .isEqualTo("Same standing");
        assertThat(standing(unit))
                .isEqualTo(p.get("ntm_level") + " " + p.get("criteria_set") + " " + p.get("criteria_met") + " "
                        + p.get("criteria_total"));
    }

    @Test
    default void aRestoredCommuneKeepsTheStandingItsAssessmentsSay() {
        // the administrator edits the commune (its outline may reach past its province); an editor records the
        // assessment
        String editor = bearer(Role.EDITOR, "24");
        String admin = "Bearer " + Http.ADMIN_TOKEN;
        String unit = ruralCommune24(6);
        assertThat(patch(admin, "communes", unit, etag("communes", unit), "{\"properties\":{\"name_en\":\"Then\"}}"))
                .isEqualTo("200");
        JsonNode revisions = Http.get(
                        url("/collections/communes/items/" + unit + "/revisions"), "Authorization", editor)
                .json()
                .get("revisions");
        long then = revisions.get(revisions.size() - 1).get("revision").asLong();
        String level = standing(unit).startsWith("\"model\"") ? "ntm" : "model";
        Http.Reply created = post(editor, ASSESSMENTS, assessment(unit, "2026-11-21", level, 19));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String now = standing(unit);
        assertThat(now).isEqualTo("\"" + level + "\" \"commune_2021_2025\" 19 19");
        assertThat(patch(admin, "communes", unit, etag("communes", unit), "{\"properties\":{\"name_en\":\"Later\"}}"))
                .isEqualTo("200");
        Http.Reply restored = send(
                "POST",
                "/collections/communes/items/" + unit + "/revisions/" + then + "/restore",
                null,
                "Authorization",
                admin,
                "If-Match",
                etag("communes", unit));
        assertThat(restored.status()).as(restored.text()).isEqualTo(200);
        JsonNode p = item("communes", unit).get("properties");
        assertThat(p.get("name_en").asString())
                .as("what an edit changed comes back")
                .isEqualTo("Then");
        assertThat(standing(unit))
                .as("what the newest assessment says stays: the revision's older standing does not come back")
                .isEqualTo(now);
    }

    /** The commune's standing: its level, criteria set, criteria met and total, as one line. */
    default String standing(String unit) {
        JsonNode p = item("communes", unit).get("properties");
        return p.get("ntm_level") + " " + p.get("criteria_set") + " " + p.get("criteria_met") + " "
                + p.get("criteria_total");
    }

    /** An assessment of {@code unit} in 24 on {@code day} at {@code level} with {@code met} of 19 criteria. */
    default String assessment(String unit, String day, String level, int met) {
        return "{\"unit_id\":\"" + unit + "\",\"province_code\":\"24\",\"criteria_set\":\"commune_2021_2025\","
                + "\"assessed_on\":\"" + day + "\",\"ntm_level\":\"" + level + "\",\"criteria_met\":" + met
                + ",\"criteria_total\":19}";
    }

    @Test
    default void aNewAssessmentMovesItsCommunesStandingAuditedAsItsAuthorAndItsDeleteMovesItBack() throws Exception {
        String editor = bearer(Role.EDITOR, "24");
        String unit = ruralCommune24(0);
        JsonNode commune = item("communes", unit);
        String was = standing(unit);
        String etag = etag("communes", unit);
        JsonNode ring = commune.get("geometry").get("coordinates").get(0).get(0);
        TileCoord t = TileCoord.containing(
                12, ring.get(0).get(0).asDouble(), ring.get(0).get(1).asDouble());
        String tile = "/collections/communes/tiles/WebMercatorQuad/12/" + t.y() + "/" + t.x();
        String tileTag = Http.bytes(url(tile)).headers().firstValue("ETag").orElse("");
        String level = was.startsWith("\"model\"") ? "ntm" : "model";
        // newer than the sample's assessment (2026-07-01): the commune follows it
        Http.Reply created = post(editor, ASSESSMENTS, assessment(unit, "2026-11-20", level, 19));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        String id = unit + "~commune_2021_2025~2026-11-20";
        assertThat(standing(unit)).isEqualTo("\"" + level + "\" \"commune_2021_2025\" 19 19");
        assertThat(etag("communes", unit)).as("the commune's ETag moves").isNotEqualTo(etag);
        assertThat(patch(editor, "communes", unit, etag, "{\"properties\":{\"name_en\":\"x\"}}"))
                .as("the ETag read before the assessment is stale")
                .isEqualTo("412");
        JsonNode revisions = Http.get(
                        url("/collections/communes/items/" + unit + "/revisions"), "Authorization", editor)
                .json()
                .get("revisions");
        JsonNode last = revisions.get(revisions.size() - 1);
        JsonNode recorded = Http.get(
                        url("/collections/" + ASSESSMENTS + "/items/" + id + "/revisions"), "Authorization", editor)
                .json()
                .get("revisions")
                .get(0);
        assertThat(last.get("operation").asString()).isEqualTo("update");
        assertThat(last.get("actor").asString())
                .as("the commune's change is the assessment author's")
                .isEqualTo(recorded.get("actor").asString())
                .isNotEqualTo("outside RuralAtlas");
        assertThat(last.get("before").get("properties").get("ntm_level"))
                .isEqualTo(commune.get("properties").get("ntm_level"));
        assertThat(last.get("after").get("properties").get("ntm_level").asString())
                .isEqualTo(level);
        // announced: the cached tile over the commune is made again
        long until = System.currentTimeMillis() + 3000;
        while (Http.bytes(url(tile)).headers().firstValue("ETag").orElse("").equals(tileTag)) {
            assertThat(System.currentTimeMillis())
                    .as("the tile " + tile + " still as before")
                    .isLessThan(until);
            Thread.sleep(20);
        }

        // an older assessment is recorded beside the newest and changes nothing, in the statistics neither
        String code = commune.get("properties").get("code").asString();
        String criterion = "/stats/ntm/communes?value=criterion&criterion=1&province=24";
        assertThat(Http.get(url(criterion)).json().get("values").path(code).isBoolean())
                .as("the newest does not say whether criterion 1 is met")
                .isFalse();
        // its id sorts after every other of the unit's: the newest is told by its date, not by where a list puts it
        String older = assessment(unit, "2025-08-01", "none", 1)
                .replace("}", ",\"criteria_passed\":[\"1\"],\"assessment_id\":\"" + unit + "~zz-older\"}");
        assertThat(post(editor, ASSESSMENTS, older).status()).isEqualTo(201);
        assertThat(standing(unit)).isEqualTo("\"" + level + "\" \"commune_2021_2025\" 19 19");
        assertThat(Http.get(url(criterion)).json().get("values").path(code).isBoolean())
                .as("criterion 1 is unknown in the newest assessment, whatever an older one says")
                .isFalse();
        // a patch of the newest moves it; its delete brings back the one before it (the sample's)
        assertThat(patch(editor, ASSESSMENTS, id, etag(ASSESSMENTS, id), "{\"properties\":{\"criteria_met\":18}}"))
                .isEqualTo("200");
        assertThat(standing(unit)).isEqualTo("\"" + level + "\" \"commune_2021_2025\" 18 19");
        Http.Reply deleted = send(
                "DELETE",
                "/collections/" + ASSESSMENTS + "/items/" + id,
                null,
                "Authorization",
                editor,
                "If-Match",
                etag(ASSESSMENTS, id));
        assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);
        assertThat(standing(unit)).isEqualTo(was);
        assertThat(item("communes", unit).get("properties")).isEqualTo(commune.get("properties"));
    }

    @Test
    default void concurrentAssessmentsOfOneCommuneLeaveItStandingAsTheNewest() throws Exception {
        String unit = ruralCommune24(1);
        int writers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            String auth = bearer(Role.EDITOR, "24");
            // the newest (the 16th) is in the middle of the queue, so the last to commit is not always it
            String body = assessment(unit, "2026-11-" + (11 + (i * 5) % writers), i % 2 == 0 ? "none" : "ntm", 13 + i);
            answers.add(pool.submit(() -> {
                start.await();
                return post(auth, ASSESSMENTS, body).status();
            }));
        }
        start.countDown();
        for (Future<Integer> a : answers) {
            assertThat(a.get()).isEqualTo(201);
        }
        JsonNode newest = item(ASSESSMENTS, unit + "~commune_2021_2025~2026-11-16");
        String expected = newest.get("properties").get("ntm_level") + " \"commune_2021_2025\" "
                + newest.get("properties").get("criteria_met") + " 19";
        assertThat(standing(unit)).isEqualTo(expected);
        // deleted at once, the newest and another: the newest left wins
        String admin = bearer(Role.ADMIN);
        List<Future<Integer>> deletes = new ArrayList<>();
        CountDownLatch again = new CountDownLatch(1);
        for (String day : List.of("2026-11-16", "2026-11-15")) {
            String id = unit + "~commune_2021_2025~" + day;
            String tag = etag(ASSESSMENTS, id);
            deletes.add(pool.submit(() -> {
                again.await();
                return send(
                                "DELETE",
                                "/collections/" + ASSESSMENTS + "/items/" + id,
                                null,
                                "Authorization",
                                admin,
                                "If-Match",
                                tag)
                        .status();
            }));
        }
        again.countDown();
        for (Future<Integer> d : deletes) {
            assertThat(d.get()).isEqualTo(204);
        }
        pool.shutdown();
        JsonNode left = item(ASSESSMENTS, unit + "~commune_2021_2025~2026-11-14");
        assertThat(standing(unit))
                .isEqualTo(left.get("properties").get("ntm_level") + " \"commune_2021_2025\" "
                        + left.get("properties").get("criteria_met") + " 19");
    }

    @Test
    default void whenTheCommunesWriteFailsTheAssessmentIsNotWrittenEither() throws Exception {
        String editor = bearer(Role.EDITOR, "24");
        String unit = ruralCommune24(2);
        String assessments = state(ASSESSMENTS);
        String communes = state("communes");
        JsonNode commune = item("communes", unit);
        failCommuneWrites(unit, true);
        try {
            Http.Reply refused = post(editor, ASSESSMENTS, assessment(unit, "2026-11-21", "advanced", 19));
            assertThat(refused.status()).as(refused.text()).isBetween(400, 599);
            String id = unit + "~commune_2021_2025~2026-11-21";
            assertThat(Http.get(url("/collections/" + ASSESSMENTS + "/items/" + id))
                            .status())
                    .isEqualTo(404);
            assertThat(Http.get(url("/collections/" + ASSESSMENTS + "/items/" + id + "/revisions"))
                            .status())
                    .as("no revision of it either")
                    .isEqualTo(404);
            // nor the delete of an assessment of it: the sample's stays
            String sample = unit + "~commune_2021_2025";
            Http.Reply delete = send(
                    "DELETE",
                    "/collections/" + ASSESSMENTS + "/items/" + sample,
                    null,
                    "Authorization",
                    editor,
                    "If-Match",
                    etag(ASSESSMENTS, sample));
            assertThat(delete.status()).as(delete.text()).isBetween(400, 599);
            assertThat(state(ASSESSMENTS)).isEqualTo(assessments);
            assertThat(state("communes")).isEqualTo(communes);
            assertThat(item("communes", unit)).isEqualTo(commune);
        } finally {
            failCommuneWrites(unit, false);
        }
        assertThat(post(editor, ASSESSMENTS, assessment(unit, "2026-11-21", "advanced", 19))
                        .status())
                .isEqualTo(201);
        assertThat(standing(unit)).isEqualTo("\"advanced\" \"commune_2021_2025\" 19 19");
    }
}
