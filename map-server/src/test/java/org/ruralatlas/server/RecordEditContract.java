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
        assertThat(item(ASSESSMENTS, id).get("properties").get("ntm_level"))
                .isEqualTo(assessment.get("properties").get("ntm_level"));
    }

    @Test
    default void onlyRuralCommunesTakeAnNtmLevel() {
        String admin = bearer(Role.ADMIN);
        String ward = Http.get(url("/collections/communes/items?unit_type=phuong&province_code=24&limit=1"))
                .json()
                .get("features")
                .get(0)
                .get("id")
                .asString();
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
        assertThat(patch(admin, "communes", ward, etag("communes", ward), "{\"properties\":{\"ntm_level\":\"none\"}}"))
                .isEqualTo("200");
    }
}
