package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.survey.SurveyResponse;
import org.ruralatlas.data.survey.SurveyStore;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.tiles.TileCoord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The NTM features (criteria catalogue, statistics, history, traceability, surveys), the same on
 * every store. Subclasses run it with cheap proofs of work (8 bits), 5 responses per client
 * address per hour, and loopback trusted as a proxy so each test client has its own address.
 */
@IntegrationTest
abstract class NtmContract {

    @LocalServerPort
    int port;

    @Autowired
    SurveyStore surveys;

    /** Makes the store refuse (true) or accept again (false) any UPDATE of the communes' satisfaction_pct. */
    abstract void refuseSatisfactionUpdates(boolean refuse) throws Exception;

    /** Runs a statement on the store's layer tables (unqualified names) from a connection of its own, as another program would. */
    abstract void storeSql(String statement) throws Exception;

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The commune of the first growing area: one whose answer lists growing areas. */
    String communeWithAZone() {
        return json("/collections/zones/items?limit=1")
                .get("features")
                .get(0)
                .get("properties")
                .get("commune_code")
                .asString();
    }

    JsonNode json(String path) {
        Http.Reply r = Http.get(url(path));
        assertThat(r.status()).as(path).isEqualTo(200);
        return r.json();
    }

    @Test
    void theLandingPageAndTheApiDefinitionListTheNtmResources() {
        List<String> hrefs = new ArrayList<>();
        json("/").get("links").forEach(l -> hrefs.add(l.get("href").asString()));
        assertThat(hrefs)
                .contains(
                        url("/stats/ntm"),
                        url("/ntm/criteria-sets"),
                        url("/planner.html"),
                        url("/ntm/survey-responses"));
        JsonNode paths = json("/api").get("paths");
        for (String p : List.of(
                "/ntm/communes/{code}",
                "/ntm/criteria-sets",
                "/ntm/criteria-sets/{setId}",
                "/ntm/targets",
                "/ntm/assessments",
                "/stats/ntm",
                "/stats/ntm/communes",
                "/collections/communes/items/{featureId}/history",
                "/trace/{code}",
                "/trace/{code}/qr",
                "/ntm/survey/{code}",
                "/ntm/survey/{code}/challenge",
                "/ntm/survey/{code}/results",
                "/ntm/survey-responses")) {
            assertThat(paths.get(p).has("get")).as(p).isTrue();
        }
        assertThat(paths.get("/ntm/survey/{code}/responses")
                        .get("post")
                        .get("responses")
                        .has("429"))
                .isTrue();
        for (String page : List.of("/planner.html", "/planner.js", "/trace.js", "/survey.js", "/survey.css")) {
            assertThat(Http.get(url(page), "Accept", "*/*").status()).as(page).isEqualTo(200);
        }
    }

    // ---- criteria catalogue ----

    @Test
    void servesTheFiveCriteriaSetsWithTheirDigitalIndicators() {
        List<String> ids = new ArrayList<>();
        json("/ntm/criteria-sets")
                .get("criteriaSets")
                .forEach(s -> ids.add(s.get("id").asString()));
        assertThat(ids)
                .containsExactlyInAnyOrder(
                        "commune_2021_2025",
                        "commune_advanced_2021_2025",
                        "commune_model_2021_2025",
                        "district_2021_2025",
                        "commune_2026_2030");
        JsonNode commune = json("/ntm/criteria-sets/commune_2021_2025");
        assertThat(commune.get("criteria")).hasSize(19);
        JsonNode c8 = commune.get("criteria").get(7);
        assertThat(c8.get("number").asString()).isEqualTo("8");
        assertThat(c8.get("name_en").asString()).isEqualTo("Information and communications");
        List<String> indicators = new ArrayList<>();
        c8.get("indicators").forEach(i -> indicators.add(i.get("number").asString()));
        assertThat(indicators).containsExactly("8.1", "8.2", "8.3", "8.4");
        assertThat(c8.get("indicators").get(3).get("is_digital").asBoolean()).isTrue();
        assertThat(c8.get("indicators").get(0).get("is_digital").asBoolean()).isFalse();
        Set<String> digital = new HashSet<>();
        for (String set : ids) {
            for (JsonNode c : json("/ntm/criteria-sets/" + set).get("criteria")) {
                if (c.get("is_digital").asBoolean()) {
                    digital.add(set + ":" + c.get("number").asString());
                }
                c.get("indicators").forEach(i -> {
                    if (i.get("is_digital").asBoolean()) {
                        digital.add(set + ":" + i.get("number").asString());
                    }
                });
            }
        }
        assertThat(digital)
                .containsExactlyInAnyOrder(
                        "commune_2021_2025:8.4",
                        "commune_advanced_2021_2025:8.4",
                        "commune_advanced_2021_2025:15.2",
                        "district_2021_2025:9.5",
                        "district_2021_2025:9.2",
                        "district_2021_2025:6.5",
                        "commune_2026_2030:7");
        JsonNode next = json("/ntm/criteria-sets/commune_2026_2030");
        assertThat(next.get("criteria_count").asInt()).isEqualTo(10);
        assertThat(next.get("indicator_count").asInt()).isEqualTo(47);
        assertThat(next.get("verified").asBoolean()).isFalse();
        Http.Reply html = Http.get(url("/ntm/criteria-sets/commune_2021_2025"), "Accept", "text/html");
        assertThat(html.contentType()).startsWith("text/html");
        assertThat(html.text()).contains("Ứng dụng công nghệ thông tin trong công tác quản lý, điều hành");
        Http.Reply missing = Http.get(url("/ntm/criteria-sets/commune_1999"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }

    @Test
    void assessmentsAnswerPerCommuneAndPerCriterion() {
        JsonNode one = json("/ntm/assessments?commune=07330");
        assertThat(one.get("numberMatched").asInt()).isEqualTo(1);
        JsonNode a = one.get("assessments").get(0);
        JsonNode commune = json("/collections/communes/items/07330@2025-07-01").get("properties");
        assertThat(a.get("criteria_met").asInt())
                .isEqualTo(commune.get("criteria_met").asInt())
                .isEqualTo(a.get("criteria_passed").size())
                .isEqualTo(19 - a.get("criteria_failed").size());
        assertThat(a.get("ntm_level").asString())
                .isEqualTo(commune.get("ntm_level").asString());
        // per criterion: met and not met partition the province's assessed communes
        int met = json("/ntm/assessments?province=24&criterion=8.4&met=true&limit=1")
                .get("numberMatched")
                .asInt();
        int notMet = json("/ntm/assessments?province=24&criterion=8.4&met=false&limit=1")
                .get("numberMatched")
                .asInt();
        int all = json("/ntm/assessments?province=24&limit=1")
                .get("numberMatched")
                .asInt();
        assertThat(met + notMet).isEqualTo(all);
        assertThat(json("/ntm/assessments?province=24&criterion=8.4&limit=1")
                        .get("assessments")
                        .get(0)
                        .get("met")
                        .isBoolean())
                .isTrue();
        for (String bad : List.of("criterion=99", "commune=7330", "met=true", "nope=1", "criteria_set=x", "limit=0")) {
            Http.Reply r = Http.get(url("/ntm/assessments?" + bad));
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().get("parameter").asString()).as(bad).isEqualTo(bad.substring(0, bad.indexOf('=')));
        }
    }

    @Test
    void aCommuneSummaryGathersCriteriaSatisfactionHistoryAndGrowingAreas() {
        JsonNode c = json("/ntm/communes/07330");
        assertThat(c.get("name").asString()).isEqualTo("Phúc Hoà");
        assertThat(c.get("criteria")).hasSize(19 + 4);
        JsonNode a = json("/ntm/assessments?commune=07330").get("assessments").get(0);
        int met = 0;
        for (JsonNode criterion : c.get("criteria")) {
            if (!criterion.get("number").asString().contains(".")
                    && criterion.get("met").asBoolean()) {
                met++;
            }
        }
        assertThat(met).isEqualTo(a.get("criteria_met").asInt());
        assertThat(c.get("satisfaction").get("period").asString()).matches("\\d{4}-Q[1-4]");
        assertThat(c.get("predecessors").asInt()).isEqualTo(3);
        List<String> hrefs = new ArrayList<>();
        c.get("links").forEach(l -> hrefs.add(l.get("href").asString()));
        assertThat(hrefs)
                .contains(
                        url("/collections/communes/items/07330@2025-07-01/history"),
                        url("/ntm/survey/07330"),
                        url("/planner.html?commune=07330"));
        String zoneCommune = communeWithAZone();
        JsonNode withZone = json("/ntm/communes/" + zoneCommune);
        assertThat(withZone.get("growing_areas").size()).isPositive();
        assertThat(withZone.get("growing_areas").get(0).get("trace").asString()).startsWith(url("/trace/"));
        assertThat(Http.get(url("/ntm/communes/99999")).status()).isEqualTo(404);
        assertThat(Http.get(url("/ntm/communes/07330"), "Accept", "text/html").text())
                .contains("Phúc Hoà", "✓");
    }

    /**
     * Many communes' answers in one (saving an area for offline use): each part is what the
     * commune's own URL and, when it had predecessors, its history answer, under one tag; a tag
     * the client holds comes back 304 without them; a code of no commune is a 404 part.
     */
    @Test
    void manyCommunesAnswerInOneAsEachAnswersAlone() {
        String zoneCommune = communeWithAZone();
        List<String> codes = List.of("07330", zoneCommune, "99999", "7330x");
        Http.Reply reply = Http.get(url("/ntm/communes?codes=" + String.join(",", codes)));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Cache-Control")).contains("no-store");
        JsonNode parts = reply.json().get("communes");
        assertThat(parts).hasSize(4);
        for (int i = 0; i < 2; i++) {
            JsonNode part = parts.get(i);
            assertThat(part.get("code").asString()).isEqualTo(codes.get(i));
            assertThat(part.get("status").asInt()).isEqualTo(200);
            JsonNode alone = json("/ntm/communes/" + codes.get(i) + "?f=json");
            assertThat(part.get("commune")).isEqualTo(alone);
            if (alone.get("predecessors").asInt() > 0) {
                assertThat(part.get("history"))
                        .isEqualTo(json("/collections/communes/items/"
                                + alone.get("unit_id").asString() + "/history?f=json"));
            } else {
                assertThat(part.has("history")).isFalse();
            }
        }
        assertThat(parts.get(0).has("history"))
                .as("Phúc Hoà was made from 3 units")
                .isTrue();
        for (int i = 2; i < 4; i++) {
            assertThat(parts.get(i).get("status").asInt()).isEqualTo(404);
            assertThat(parts.get(i).get("detail").asString()).contains(codes.get(i));
            assertThat(parts.get(i).has("commune")).isFalse();
        }
        // the tags held: unchanged communes are 304 without their answers; a stale tag gets the answer again
        String tag0 = parts.get(0).get("tag").asString();
        String tag1 = parts.get(1).get("tag").asString();
        assertThat(tag0).matches("\"[0-9a-f]{32}\"").isNotEqualTo(tag1);
        JsonNode again = json("/ntm/communes?codes=07330," + zoneCommune + "&known=" + tag0.replace("\"", "")
                        + ",0123456789abcdef")
                .get("communes");
        assertThat(again.get(0).get("status").asInt()).isEqualTo(304);
        assertThat(again.get(0).get("tag").asString()).isEqualTo(tag0);
        assertThat(again.get(0).has("commune")).isFalse();
        assertThat(again.get(1).get("status").asInt()).isEqualTo(200);
        assertThat(again.get(1).get("commune")).isEqualTo(parts.get(1).get("commune"));
        // refused: each names its parameter
        String many = String.join(",", java.util.Collections.nCopies(101, "07330"));
        for (String[] bad : List.of(
                new String[] {"", "codes"},
                new String[] {"?codes=", "codes"},
                new String[] {"?codes=" + many, "codes"},
                new String[] {"?codes=07330,07330", "codes"},
                new String[] {"?codes=07330,", "empty code"},
                new String[] {"?codes=,,", "empty code"},
                new String[] {"?codes=07330&known=a,b", "known"},
                new String[] {"?codes=07330&f=csv", "f"},
                new String[] {"?codes=07330&limit=5", "limit"})) {
            Http.Reply r = Http.get(url("/ntm/communes" + bad[0]));
            assertThat(r.status()).as(bad[0]).isEqualTo(400);
            assertThat(r.header("Content-Type")).as(bad[0]).startsWith("application/problem+json");
            assertThat(r.text()).as(bad[0]).contains(bad[1]);
        }
    }

    // ---- statistics: reported ----

    @Test
    void reportsBacGiangExactlyAsPublished() {
        JsonNode doc = json("/stats/ntm?source=reported&as_of=2023-06-01");
        assertThat(doc.get("source").asString()).isEqualTo("reported");
        JsonNode bg = null;
        for (JsonNode r : doc.get("reports")) {
            if (r.get("report_id").asString().equals("bac-giang-2023-05")) {
                bg = r;
            }
        }
        assertThat(bg).isNotNull();
        assertThat(bg.get("province_name").asString()).isEqualTo("Bắc Giang");
        assertThat(bg.get("communes_total").asInt()).isEqualTo(182);
        assertThat(bg.get("ntm").get("count").asInt()).isEqualTo(144);
        assertThat(bg.get("ntm").get("pct").asDouble()).isEqualTo(79.1);
        assertThat(bg.get("advanced").get("count").asInt()).isEqualTo(43);
        assertThat(bg.get("advanced").get("pct").asDouble()).isEqualTo(23.6);
        assertThat(bg.get("model").get("count").asInt()).isEqualTo(1);
        assertThat(bg.get("average_criteria").asDouble()).isEqualTo(17.1);
        assertThat(bg.get("source").asString()).isEqualTo("Bắc Giang provincial report on NTM results (05/2023)");
        assertThat(bg.get("source_date").asString()).isEqualTo("2023-05-31");
        assertThat(bg.get("notes").asString())
                .contains("Quảng Minh (Việt Yên)", "6/10 districts", "243 model villages");
        // not yet published on 2023-05-01
        assertThat(json("/stats/ntm?source=reported&as_of=2023-05-01").get("reports"))
                .isEmpty();
        // the undated facts of the provincial reports and plans, listed apart
        Map<String, JsonNode> undated = new java.util.HashMap<>();
        doc.get("undated_reports").forEach(r -> undated.put(r.get("report_id").asString(), r));
        assertThat(undated.get("tuyen-quang-plan-215").get("communes_total").asInt())
                .isEqualTo(122);
        assertThat(undated.get("tuyen-quang-plan-215").get("source").asString())
                .isEqualTo("Plan 215/KH-UBND of Tuyên Quang People's Committee");
        assertThat(undated.get("thanh-hoa-smart-villages").get("notes").asString())
                .contains(
                        "14 smart villages in model NTM communes",
                        "Vân Sơn (Triệu Sơn)",
                        "Thiệu Trung (Thiệu Hóa)",
                        "Đông Khê (Đông Sơn)");
        assertThat(undated.get("nam-dinh-plan-140").get("notes").asString())
                .contains("Trực Tuấn (Trực Ninh) issues digital IDs");
        assertThat(undated.get("nam-dinh-plan-140").get("province_code_2025").asString())
                .isEqualTo("37");
        assertThat(undated.get("tuyen-quang-plan-215").get("source_date").isNull())
                .isTrue();
        // Bình Phước, Bù Gia Mập district, 2023: 17.5 criteria on average
        JsonNode bp = json("/stats/ntm?source=reported&as_of=2024-06-30&province=70")
                .get("reports")
                .get(0);
        assertThat(bp.get("scope").asString()).isEqualTo("district Bù Gia Mập");
        assertThat(bp.get("average_criteria").asDouble()).isEqualTo(17.5);
        Http.Reply csv = Http.get(url("/stats/ntm?source=reported&as_of=2023-06-01&f=csv"));
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.text())
                .contains(
                        "reported,2023-06-01,bac-giang-2023-05,Bắc Giang,24,24,province,2023-05,182,144,79.1,43,23.6,1,0.5,17.1,");
    }

    @Test
    void historicalRecognitionsStayWithTheOldUnits() {
        JsonNode doc = json("/collections/communes/items/07330@2025-07-01/history");
        assertThat(doc.get("before_merger").asString()).isEqualTo("Xã Hợp Đức, Xã Liên Chung, Xã Phúc Hòa");
        List<String> old = new ArrayList<>();
        doc.get("predecessors").forEach(p -> old.add(p.get("old_name").asString()));
        assertThat(old).containsExactly("Hợp Đức", "Liên Chung", "Phúc Hòa");
        JsonNode phucHoa = doc.get("predecessors").get(2);
        assertThat(phucHoa.get("relation").asString()).isEqualTo("whole");
        assertThat(phucHoa.get("recognitions").get(0).get("remark").asString())
                .contains("national pilot e-commerce commune");
        assertThat(phucHoa.get("recognitions").get(0).get("old_district").asString())
                .isEqualTo("Tân Yên");
        JsonNode derived = doc.get("derived_pre_merger_ntm_share");
        assertThat(derived.get("derived").asBoolean()).isTrue();
        assertThat(derived.get("is_recognition").asBoolean()).isFalse();

        // Quảng Minh, the only model commune of Bắc Giang in 05/2023: found through the features API
        String successor = null;
        for (JsonNode f :
                json("/collections/communes/items?province_code=24&limit=200").get("features")) {
            String before = f.get("properties").get("before_merger").asString("");
            if (before.matches(".*(Xã|Phường) Quảng Minh(,| và|$).*")) {
                successor = f.get("id").asString();
            }
        }
        assertThat(successor).isNotNull();
        JsonNode qm = json("/collections/communes/items/" + successor + "/history");
        JsonNode recognition = null;
        int predecessors = qm.get("predecessors").size();
        for (JsonNode p : qm.get("predecessors")) {
            if (p.get("old_name").asString().equals("Quảng Minh")) {
                recognition = p.get("recognitions").get(0);
            }
        }
        assertThat(recognition.get("ntm_level").asString()).isEqualTo("model");
        assertThat(recognition.get("old_district").asString()).isEqualTo("Việt Yên");
        assertThat(qm.get("derived_pre_merger_ntm_share")
                        .get("with_recorded_ntm_recognition")
                        .asInt())
                .isEqualTo(1);
        assertThat(qm.get("derived_pre_merger_ntm_share").get("value_pct").asDouble())
                .isEqualTo(Math.round(1000.0 / predecessors) / 10.0);
        // the new unit's level is its own, whatever Quảng Minh was
        JsonNode unit = json("/collections/communes/items/" + successor).get("properties");
        assertThat(qm.get("unit").get("ntm_level").asString())
                .isEqualTo(unit.get("ntm_level").asString());
        assertThat(Http.get(url("/collections/communes/items/99999@2025-07-01/history"))
                        .status())
                .isEqualTo(404);
        // Bình Phước, Bù Gia Mập (2023): Đa Kia advanced, Bình Thắng and Phước Minh 19/19, all now in Đa Kia (25231)
        Map<String, JsonNode> held = new java.util.HashMap<>();
        for (JsonNode p :
                json("/collections/communes/items/25231@2025-07-01/history").get("predecessors")) {
            p.get("recognitions").forEach(r -> held.put(r.get("old_commune").asString(), r));
        }
        assertThat(held.keySet()).containsExactlyInAnyOrder("Đa Kia", "Bình Thắng", "Phước Minh");
        assertThat(held.get("Đa Kia").get("ntm_level").asString()).isEqualTo("advanced");
        assertThat(held.get("Bình Thắng").get("criteria_met").asInt()).isEqualTo(19);
        // Thanh Hóa: Vân Sơn (Triệu Sơn), model NTM with digital transformation as its outstanding field
        String vanSon = null;
        for (JsonNode f :
                json("/collections/communes/items?province_code=38&limit=500").get("features")) {
            if (f.get("properties").get("before_merger").asString("").matches(".*Xã Vân Sơn(,| và|$).*")) {
                vanSon = f.get("id").asString();
            }
        }
        JsonNode vs = null;
        for (JsonNode p :
                json("/collections/communes/items/" + vanSon + "/history").get("predecessors")) {
            if (p.get("old_name").asString().equals("Vân Sơn")) {
                vs = p.get("recognitions").get(0);
            }
        }
        assertThat(vs.get("ntm_level").asString()).isEqualTo("model");
        assertThat(vs.get("remark").asString()).contains("digital transformation");
        assertThat(Http.get(url("/collections/communes/items/07330@2025-07-01/history"), "Accept", "text/html")
                        .text())
                .contains("Phúc Hòa", "national pilot e-commerce commune");
    }

    // ---- statistics: computed ----

    @Test
    void computedStatisticsAgreeWithTheFeaturesApi() {
        JsonNode doc = json("/stats/ntm?province=24&as_of=2026-01-01");
        assertThat(doc.get("source").asString()).isEqualTo("computed");
        assertThat(doc.get("grouping").asString()).isEqualTo("provinces_2025");
        JsonNode bn = doc.get("provinces").get(0);
        assertThat(bn.get("code").asString()).isEqualTo("24");
        assertThat(bn.get("name").asString()).isEqualTo("Bắc Ninh");
        long rural = matched("/collections/communes/items?province_code=24&unit_type=xa&limit=1");
        assertThat(bn.get("communes_total").asLong()).isEqualTo(rural);
        long ntm = matched("/collections/communes/items?province_code=24&ntm_level=ntm&limit=1");
        long advanced = matched("/collections/communes/items?province_code=24&ntm_level=advanced&limit=1");
        long model = matched("/collections/communes/items?province_code=24&ntm_level=model&limit=1");
        assertThat(bn.get("at_least").get("ntm").get("count").asLong()).isEqualTo(ntm + advanced + model);
        assertThat(bn.get("at_least").get("advanced").get("count").asLong()).isEqualTo(advanced + model);
        assertThat(bn.get("at_least").get("model").get("count").asLong()).isEqualTo(model);
        assertThat(bn.get("at_least").get("ntm").get("pct").asDouble())
                .isEqualTo(Math.round(1000.0 * (ntm + advanced + model) / rural) / 10.0);
        long pass84 = json("/ntm/assessments?province=24&criterion=8.4&met=true&limit=1")
                .get("numberMatched")
                .asLong();
        JsonNode rate = bn.get("pass_rates").get("8.4");
        assertThat(rate.get("passed").asLong()).isEqualTo(pass84);
        double pct = rate.get("pct").asDouble();
        JsonNode target = bn.get("targets").get("d924-indicator-8-4");
        assertThat(target.get("value").asDouble()).isEqualTo(pct);
        assertThat(target.get("gap").asDouble()).isEqualTo(Math.round((pct - 97) * 10) / 10.0);
        assertThat(target.get("met").asBoolean()).isEqualTo(pct >= 97);
        // the whole country: 34 provinces, and their communes add up to the total
        JsonNode all = json("/stats/ntm?as_of=2026-01-01");
        assertThat(all.get("provinces")).hasSize(34);
        long sum = 0;
        for (JsonNode p : all.get("provinces")) {
            sum += p.get("communes_total").asLong();
        }
        assertThat(all.get("total").get("communes_total").asLong())
                .isEqualTo(sum)
                .isEqualTo(matched("/collections/communes/items?unit_type=xa&limit=1"));
        JsonNode targets = all.get("targets");
        assertThat(targets.get(0).get("source").asString()).isNotBlank();
        Http.Reply csv = Http.get(url("/stats/ntm?as_of=2026-01-01"), "Accept", "text/csv");
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.text().lines().count()).isEqualTo(1 + 34 + 1);
        assertThat(csv.text().lines().skip(1))
                .allSatisfy(l -> assertThat(l).startsWith("computed,2026-01-01,provinces_2025,"));
    }

    @Test
    void beforeTheReorganisationGroupsByThe63Provinces() {
        JsonNode doc = json("/stats/ntm?as_of=2025-06-30");
        assertThat(doc.get("grouping").asString()).isEqualTo("provinces_pre2025");
        assertThat(doc.get("provinces")).hasSize(63);
        List<String> names = new ArrayList<>();
        doc.get("provinces").forEach(p -> names.add(p.get("name").asString()));
        assertThat(names).contains("Bắc Giang", "Bình Phước", "Nam Định", "Hà Giang");
        // no pre-2025 commune assessments are held: computed groups are empty, and say so
        assertThat(doc.get("total").get("communes_total").asInt()).isZero();
        assertThat(doc.get("basis").asString()).contains("source=reported");
    }

    @Test
    void choroplethValuesJoinOnCommuneCodes() {
        JsonNode levels = json("/stats/ntm/communes?value=level&province=24").get("values");
        assertThat((long) levels.size())
                .isEqualTo(matched("/collections/communes/items?province_code=24&unit_type=xa&limit=1"));
        assertThat(levels.get("07330").asString())
                .isEqualTo(json("/collections/communes/items/07330@2025-07-01")
                        .get("properties")
                        .get("ntm_level")
                        .asString());
        JsonNode pass =
                json("/stats/ntm/communes?value=criterion&criterion=8.4").get("values");
        boolean met = json("/ntm/assessments?commune=07330&criterion=8.4")
                .get("assessments")
                .get(0)
                .get("met")
                .asBoolean();
        assertThat(pass.get("07330").asBoolean()).isEqualTo(met);
        for (String bad :
                List.of("value=criterion", "value=colour", "value=criterion&criterion=42", "as_of=yesterday")) {
            assertThat(Http.get(url("/stats/ntm/communes?" + bad)).status())
                    .as(bad)
                    .isEqualTo(400);
        }
        for (String bad : List.of("source=both", "province=2", "as_of=2025-13-01", "f=xml")) {
            Http.Reply r = Http.get(url("/stats/ntm?" + bad));
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
    }

    long matched(String path) {
        return json(path).get("numberMatched").asLong();
    }

    // ---- traceability ----

    @Test
    void scanningTheQrCodeOfAZoneOpensItsTracePage() throws Exception {
        JsonNode zone = json("/collections/zones/items?status=active&code_scope=export&limit=1")
                .get("features")
                .get(0);
        String code = zone.get("properties").get("growing_area_code").asString();
        Http.BinaryReply png = Http.bytes(url("/trace/" + code + "/qr"));
        assertThat(png.status()).isEqualTo(200);
        assertThat(png.header("Content-Type")).isEqualTo("image/png");
        var image = ImageIO.read(new ByteArrayInputStream(png.body()));
        String scanned = new MultiFormatReader()
                .decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))))
                .getText();
        assertThat(scanned).isEqualTo(url("/trace/" + code));
        Http.Reply page = Http.get(scanned, "Accept", "text/html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text())
                .contains(
                        zone.get("properties").get("name").asString(),
                        code,
                        "id=\"trace-map\"",
                        "Còn hiệu lực",
                        "webjars/ol/");
        // labels and values for people, from the catalogue: "Phạm vi mã: Xuất khẩu", not "code_scope: export"
        assertThat(page.text()).contains("Phạm vi mã", "Xuất khẩu").doesNotContain("code_scope", "<td>export</td>");
        assertThat(Http.get(scanned, "Accept", "text/html", "Accept-Language", "en")
                        .text())
                .contains("Code scope", "Export");
        JsonNode trace = Http.get(scanned).json();
        assertThat(trace.get("kind").asString()).isEqualTo("growing_area");
        assertThat(trace.get("id").asString()).isEqualTo(zone.get("id").asString());
        assertThat(trace.get("geometry")).isEqualTo(zone.get("geometry"));
        assertThat(trace.get("certifications").toString()).contains("GlobalGAP");
        Http.Reply svg = Http.get(url("/trace/" + code + "/qr?f=svg"), "Accept", "*/*");
        assertThat(svg.contentType()).startsWith("image/svg+xml");
        assertThat(svg.text()).contains("<svg", "viewBox");
    }

    @Test
    void revokedAndUnknownCodesSaySoClearly() {
        JsonNode revoked = json("/collections/zones/items?status=revoked&limit=1")
                .get("features")
                .get(0);
        String id = revoked.get("id").asString();
        JsonNode trace = json("/trace/" + id);
        assertThat(trace.get("status").asString()).isEqualTo("revoked");
        assertThat(trace.get("valid").asBoolean()).isFalse();
        assertThat(Http.get(url("/trace/" + id + "?lang=en"), "Accept", "text/html")
                        .text())
                .contains("REVOKED");
        Http.Reply unknown = Http.get(url("/trace/VN-XXOR-9999"), "Accept", "text/html");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).contains("VN-XXOR-9999", "không phải mã vùng trồng");
        Http.Reply json = Http.get(url("/trace/VN-XXOR-9999"));
        assertThat(json.status()).isEqualTo(404);
        assertThat(json.contentType()).startsWith("application/problem+json");
        assertThat(Http.get(url("/trace/VN-XXOR-9999/qr")).status()).isEqualTo(404);
    }

    @Test
    void ocopProductsAndFarmsLeadToTheirProducer() {
        JsonNode farm = json("/collections/farms/items?ocop_stars=5&limit=1")
                .get("features")
                .get(0);
        String product =
                farm.get("properties").get("ocop_products").get(0).get("id").asString();
        JsonNode trace = json("/trace/" + product);
        assertThat(trace.get("kind").asString()).isEqualTo("ocop_product");
        assertThat(trace.get("id").asString()).isEqualTo(farm.get("id").asString());
        assertThat(trace.get("producers").get(0).get("farm_id").asString())
                .isEqualTo(farm.get("id").asString());
        assertThat(json("/trace/" + farm.get("id").asString()).get("kind").asString())
                .isEqualTo("farm");
    }

    // ---- surveys ----

    static String solve(String challenge, int difficulty) throws Exception {
        for (long n = 0; ; n++) {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest((challenge + ":" + n).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            int bits = 0;
            for (byte b : h) {
                if (b == 0) {
                    bits += 8;
                    continue;
                }
                bits += Integer.numberOfLeadingZeros(b & 0xff) - 24;
                break;
            }
            if (bits >= difficulty) {
                return Long.toString(n);
            }
        }
    }

    /** One response as the form sends it, from client address {@code ip}. */
    Http.Reply respond(String commune, String ip, String device, int overall) throws Exception {
        JsonNode c = json("/ntm/survey/" + commune + "/challenge");
        String nonce = solve(c.get("challenge").asString(), c.get("difficulty").asInt());
        String body = "{\"challenge\":\"" + c.get("challenge").asString() + "\",\"nonce\":\"" + nonce
                + "\",\"device\":\"" + device + "\",\"overall\":" + overall + ",\"topics\":{\"infrastructure\":"
                + overall + ",\"public_services\":3}}";
        return Http.postJson(url("/ntm/survey/" + commune + "/responses"), body, "X-Forwarded-For", ip);
    }

    String rural(int index) {
        return json("/collections/communes/items?unit_type=xa&province_code=19&limit=1&offset=" + index)
                .get("features")
                .get(0)
                .get("properties")
                .get("code")
                .asString();
    }

    @Test
    void aDeviceAnswersOncePerPeriodAndNothingPersonalIsPublished() throws Exception {
        String commune = rural(0);
        assertThat(Http.get(url("/ntm/survey/" + commune), "Accept", "text/html")
                        .text())
                .contains("<form id=\"survey\"", "survey.js");
        Http.Reply first = respond(commune, "10.1.0.1", "device-aaaaaaaaaaaaaaaa", 5);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("results").get("responses").asInt()).isEqualTo(1);
        Http.Reply again = respond(commune, "10.1.0.2", "device-aaaaaaaaaaaaaaaa", 1);
        assertThat(again.status()).isEqualTo(409);
        assertThat(respond(commune, "10.1.0.3", "device-bbbbbbbbbbbbbbbb", 2).status())
                .isEqualTo(201);
        JsonNode results = json("/ntm/survey/" + commune + "/results");
        assertThat(results.get("responses").asInt()).isEqualTo(2);
        assertThat(results.get("satisfaction_pct").asDouble()).isEqualTo(50.0);
        assertThat(results.get("topic_means").get("infrastructure").asDouble()).isEqualTo(3.5);
        String csv =
                Http.get(url("/ntm/survey-responses?f=csv&commune=" + commune)).text();
        assertThat(csv.lines().toList()).hasSize(3);
        assertThat(csv.lines().findFirst().orElseThrow())
                .isEqualTo(
                        "period,commune_code,submitted_on,overall,infrastructure,production_income,environment,culture_education_health,security_order,public_services");
        assertThat(csv).doesNotContain("device-aaaa", "device_hash", "10.1.0.");
        String json = Http.get(url("/ntm/survey-responses?commune=" + commune)).text();
        assertThat(json).doesNotContain("device-aaaa", "device_hash", "response_id", "10.1.0.");
        // the province's statistics carry the satisfaction of its communes
        JsonNode tn = json("/stats/ntm?province=19").get("provinces").get(0).get("satisfaction");
        assertThat(tn.get("responses").asInt()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void refusesBadSurveyInput() throws Exception {
        String commune = rural(1);
        JsonNode c = json("/ntm/survey/" + commune + "/challenge");
        String wrongNonce = "{\"challenge\":\"" + c.get("challenge").asString()
                + "\",\"nonce\":\"x\",\"device\":\"device-cccccccccccccccc\",\"overall\":4}";
        // 8 bits: about one nonce in 256 passes; "x" is checked not to
        Http.Reply r =
                Http.postJson(url("/ntm/survey/" + commune + "/responses"), wrongNonce, "X-Forwarded-For", "10.2.0.1");
        assertThat(r.status()).isIn(201, 422);
        if (r.status() == 422) {
            assertThat(r.json().get("detail").asString()).contains("nonce");
        }
        Http.Reply other = Http.postJson(
                url("/ntm/survey/" + rural(2) + "/responses"),
                wrongNonce.replace("\"x\"", "\"" + solve(c.get("challenge").asString(), 8) + "\""),
                "X-Forwarded-For",
                "10.2.0.2");
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().get("detail").asString()).contains("another commune");
        Http.Reply rating = Http.postJson(
                url("/ntm/survey/" + commune + "/responses"),
                "{\"device\":\"device-dddddddddddddddd\",\"overall\":9}",
                "X-Forwarded-For",
                "10.2.0.3");
        assertThat(rating.status()).isEqualTo(422);
        assertThat(rating.json().get("parameter").asString()).isEqualTo("overall");
        String ward = json("/collections/communes/items?unit_type=phuong&limit=1")
                .get("features")
                .get(0)
                .get("properties")
                .get("code")
                .asString();
        assertThat(Http.get(url("/ntm/survey/" + ward + "/challenge")).status()).isEqualTo(404);
        Http.Reply big = Http.postJson(
                url("/ntm/survey/" + commune + "/responses"),
                "{\"device\":\"" + "x".repeat(5000) + "\"}",
                "X-Forwarded-For",
                "10.2.0.4");
        assertThat(big.status()).isEqualTo(413);
        Http.Reply garbage = Http.postJson(
                url("/ntm/survey/" + commune + "/responses"), "{\"overall\":", "X-Forwarded-For", "10.2.0.5");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.json().get("parameter").asString()).isEqualTo("body");
        assertThat(Http.get(url("/ntm/survey-responses?period=2026-Q9")).status())
                .isEqualTo(400);
    }

    /**
     * A flood from one address is cut at its hourly limit while eight residents answering at the
     * same time, from their own addresses, all get through; the count is exact.
     */
    @Test
    void aFloodFromOneClientIsThrottledWithoutLosingOtherResponses() throws Exception {
        String commune = rural(3);
        int before =
                json("/ntm/survey/" + commune + "/results").get("responses").asInt();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            AtomicInteger floodAccepted = new AtomicInteger();
            AtomicInteger floodThrottled = new AtomicInteger();
            List<Callable<Integer>> jobs = new ArrayList<>();
            List<Boolean> isResident = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                jobs.add(() -> {
                    int s = respond(commune, "10.3.0.66", "flood-device-" + String.format("%08d", n), 1)
                            .status();
                    (s == 201 ? floodAccepted : floodThrottled).incrementAndGet();
                    return s;
                });
                isResident.add(false);
                if (i % 5 == 0) {
                    int resident = i / 5;
                    jobs.add(() -> respond(
                                    commune,
                                    "10.3.1." + resident,
                                    "resident-device-" + String.format("%04d", resident),
                                    4)
                            .status());
                    isResident.add(true);
                }
            }
            List<Integer> residentStatuses = new ArrayList<>();
            List<Future<Integer>> futures = pool.invokeAll(jobs);
            for (int i = 0; i < jobs.size(); i++) {
                int s = futures.get(i).get();
                assertThat(s).isIn(201, 429);
                if (isResident.get(i)) {
                    residentStatuses.add(s);
                }
            }
            assertThat(residentStatuses).hasSize(8).containsOnly(201);
            assertThat(floodAccepted.get()).isEqualTo(5);
            assertThat(floodThrottled.get()).isEqualTo(35);
            Http.Reply throttled = respond(commune, "10.3.0.66", "flood-device-late00000", 1);
            assertThat(throttled.status()).isEqualTo(429);
            // five an hour: the next one is allowed when a token comes back, 12 minutes after the first
            assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(700L, 720L);
            JsonNode results = json("/ntm/survey/" + commune + "/results");
            assertThat(results.get("responses").asInt()).isEqualTo(before + 5 + 8);
            assertThat(results.get("satisfied").asInt()).isEqualTo(8);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The commune's satisfaction_pct in a GeoJSON feature; null when absent. */
    static Double satisfaction(JsonNode feature) {
        JsonNode v = feature.get("properties").path("satisfaction_pct");
        return v.isNumber() ? v.asDouble() : null;
    }

    /** The current commune {@code code} in the whole-layer GeoJSON download. */
    Double downloadedSatisfaction(String code) throws InterruptedException {
        // a write landing while the export is made answers 503 with Retry-After (ExportResource): a client asks again
        Http.Reply r = Http.get(url("/downloads/communes.geojson"));
        for (int attempt = 0; r.status() == 503 && attempt < 5; attempt++) {
            assertThat(r.header("Retry-After")).isNotNull();
            Thread.sleep(200);
            r = Http.get(url("/downloads/communes.geojson"));
        }
        assertThat(r.status()).isEqualTo(200);
        for (JsonNode f : r.json().get("features")) {
            if (f.get("properties").get("code").asString().equals(code)
                    && f.get("properties").path("valid_to").isNull()) {
                return satisfaction(f);
            }
        }
        throw new AssertionError(code + " is not in the download");
    }

    /**
     * Responses posted through the API set the commune's own satisfaction_pct (the share of the
     * latest period, as /results computes it) in the same write: the item, its ETag, the tiles and
     * the download all follow; a refused response changes nothing; a failing update keeps neither.
     */
    @Test
    void theCommuneCarriesTheSatisfactionOfItsLatestPeriodEverywhere() throws Exception {
        JsonNode feature = json("/collections/communes/items?unit_type=xa&province_code=19&limit=1&offset=4")
                .get("features")
                .get(0);
        String commune = feature.get("properties").get("code").asString();
        String item = "/collections/communes/items/" + feature.get("id").asString();
        assertThat(satisfaction(feature)).isNull();
        assertThat(downloadedSatisfaction(commune)).isNull();
        JsonNode ring = feature.get("geometry").get("coordinates").get(0).get(0);
        TileCoord t = TileCoord.containing(
                12, ring.get(0).get(0).asDouble(), ring.get(0).get(1).asDouble());
        String tile = "/collections/communes/tiles/WebMercatorQuad/" + t.z() + "/" + t.y() + "/" + t.x();
        assertThat(Http.bytes(url(tile)).status()).isEqualTo(200);
        Http.bytes(url(tile)); // now cached
        double produced = produced();
        String etag = Http.get(url(item)).header("ETag");
        assertThat(etag).isNotNull();
        // the NTM answers of this commune and of one in another province, with their pre-2025 history
        String other = json("/collections/communes/items?unit_type=xa&province_code=24&limit=1")
                .get("features")
                .get(0)
                .get("properties")
                .get("code")
                .asString();
        Map<String, String> answers = new java.util.LinkedHashMap<>();
        for (String code : List.of(commune, other)) {
            answers.put("/ntm/communes/" + code + "?f=json", null);
        }
        answers.put("/collections/communes/items/" + feature.get("id").asString() + "/history?f=json", null);
        answers.replaceAll((path, none) -> Http.get(url(path)).header("ETag"));
        JsonNode batch = json("/ntm/communes?codes=" + commune + "," + other).get("communes");
        String batchKnown = batch.get(0).get("tag").asString() + ","
                + batch.get(1).get("tag").asString();

        assertThat(respond(commune, "10.4.0.1", "device-eeeeeeeeeeeeeeee", 5).status())
                .isEqualTo(201);
        assertThat(respond(commune, "10.4.0.2", "device-ffffffffffffffff", 2).status())
                .isEqualTo(201);
        // only the answer that says something new has a new tag: a saved copy of the others stays current (304)
        answers.forEach((path, tag) -> {
            boolean changed = path.startsWith("/ntm/communes/" + commune);
            assertThat(Http.get(url(path), "Accept", "application/json", "If-None-Match", tag)
                            .status())
                    .as(path)
                    .isEqualTo(changed ? 200 : 304);
        });
        JsonNode checked = json("/ntm/communes?codes=" + commune + "," + other + "&known="
                        + java.net.URLEncoder.encode(batchKnown, java.nio.charset.StandardCharsets.UTF_8))
                .get("communes");
        assertThat(checked.get(0).get("status").asInt())
                .as("the commune answered")
                .isEqualTo(200);
        assertThat(checked.get(1).get("status").asInt()).as("the other commune").isEqualTo(304);
        Http.Reply after = Http.get(url(item));
        assertThat(satisfaction(after.json()))
                .isEqualTo(50.0)
                .isEqualTo(json("/ntm/survey/" + commune + "/results")
                        .get("satisfaction_pct")
                        .asDouble());
        assertThat(after.header("ETag")).isNotEqualTo(etag);
        assertThat(downloadedSatisfaction(commune)).isEqualTo(50.0);
        // the tile under the commune was dropped from the cache and made again
        long start = System.nanoTime();
        while (produced() == produced) {
            assertThat((System.nanoTime() - start) / 1_000_000)
                    .as("the communes tile is made again")
                    .isLessThan(3000);
            assertThat(Http.bytes(url(tile)).status()).isEqualTo(200);
            Thread.sleep(20);
        }

        // refused responses (duplicate, bad rating, too many from one address) change nothing
        etag = Http.get(url(item)).header("ETag");
        assertThat(respond(commune, "10.4.0.3", "device-eeeeeeeeeeeeeeee", 1).status())
                .isEqualTo(409);
        for (int i = 0; i < 5; i++) {
            assertThat(respond(commune, "10.4.0.4", "device-gggggggggggggggg", 9)
                            .status())
                    .isEqualTo(422);
        }
        assertThat(respond(commune, "10.4.0.4", "device-gggggggggggggggg", 1).status())
                .isEqualTo(429);
        // a response of an older period counts in that period only: the latest period's share stays
        SurveyResponse old = new SurveyResponse(
                java.util.UUID.randomUUID().toString(),
                "2021-Q1",
                commune,
                java.time.LocalDate.of(2021, 2, 1),
                "old-device-hash",
                1,
                Map.of());
        assertThat(surveys.insert(old)).isTrue();
        Http.Reply unchanged = Http.get(url(item));
        assertThat(unchanged.header("ETag")).isEqualTo(etag);
        assertThat(satisfaction(unchanged.json())).isEqualTo(50.0);
        assertThat(json("/ntm/survey/" + commune + "/results").get("responses").asInt())
                .isEqualTo(2);

        // a failing update of the commune keeps the response out too
        refuseSatisfactionUpdates(true);
        try {
            assertThat(respond(commune, "10.4.0.5", "device-hhhhhhhhhhhhhhhh", 5)
                            .status())
                    .isEqualTo(503);
        } finally {
            refuseSatisfactionUpdates(false);
        }
        assertThat(json("/ntm/survey/" + commune + "/results").get("responses").asInt())
                .isEqualTo(2);
        assertThat(satisfaction(Http.get(url(item)).json())).isEqualTo(50.0);
        assertThat(downloadedSatisfaction(commune)).isEqualTo(50.0);
        // the same device may answer, since nothing of its first try was kept
        assertThat(respond(commune, "10.4.0.6", "device-hhhhhhhhhhhhhhhh", 5).status())
                .isEqualTo(201);
        assertThat(satisfaction(Http.get(url(item)).json()))
                .isEqualTo(66.7)
                .isEqualTo(json("/ntm/survey/" + commune + "/results")
                        .get("satisfaction_pct")
                        .asDouble());
    }

    /** Communes changed behind the survey's back (or before they carried it) are brought back in line, once. */
    @Test
    void reconcilingBringsCommunesBackInLineWithTheirResponses() throws Exception {
        JsonNode feature = json("/collections/communes/items?unit_type=xa&province_code=19&limit=1&offset=5")
                .get("features")
                .get(0);
        String commune = feature.get("properties").get("code").asString();
        String item = "/collections/communes/items/" + feature.get("id").asString();
        assertThat(respond(commune, "10.5.0.1", "device-iiiiiiiiiiiiiiii", 4).status())
                .isEqualTo(201);
        assertThat(satisfaction(json(item))).isEqualTo(100.0);
        storeSql("UPDATE communes SET satisfaction_pct = 12.5 WHERE code = '" + commune + "'");
        assertThat(satisfaction(json(item))).isEqualTo(12.5);
        assertThat(surveys.reconcile()).isEqualTo(1);
        assertThat(satisfaction(json(item))).isEqualTo(100.0);
        assertThat(surveys.reconcile()).isZero();
    }

    /**
     * The statistics as a report (issue 15): grouped headings and the catalogue's names in the
     * reader's language, numbers in its notation, the basis, source and date said once above the
     * table, the sample notice; no machine column, no code, no null. CSV and JSON are unchanged.
     */
    @Test
    void theStatisticsPageIsAReportInTheReadersLanguage() {
        String vi = Http.get(url("/stats/ntm?f=html&as_of=2026-01-01"), "Accept-Language", "vi")
                .text();
        assertThat(vi)
                .contains(
                        "<html lang=\"vi\"",
                        "<main>",
                        "<p class=\"sample\" role=\"note\">Lưu ý:",
                        "<dt>Tính đến ngày</dt>",
                        "<dt>Nguồn</dt><dd>Tính từ kết quả đánh giá từng xã",
                        "<dd>34 tỉnh, thành phố sau sắp xếp (từ 01/07/2025)</dd>",
                        "<th scope=\"colgroup\" colspan=\"2\">Đạt chuẩn nông thôn mới</th>",
                        "<th scope=\"col\" rowspan=\"2\">Tỉnh, thành phố</th>",
                        "<abbr title=\"Chỉ tiêu 8.4: ",
                        "<th scope=\"row\">Bắc Ninh</th>",
                        "<tr class=\"total\"><th scope=\"row\">Việt Nam</th>")
                .doesNotContain(
                        "ntm_pct",
                        "pass_pct",
                        "target_gap",
                        "provinces_2025<",
                        ">computed<",
                        ">null<",
                        "satisfaction_pct");
        // the date in the title and once above the table, not on each of the 35 rows; Vietnamese decimals have a comma
        assertThat(vi.split("01/01/2026", -1).length - 1).isBetween(1, 4);
        assertThat(vi).contains("<dt>Tính đến ngày</dt><dd>01/01/2026</dd>");
        // the chart: one bar per province, highest share first, each with its share written
        java.util.regex.Matcher bars = java.util.regex.Pattern.compile(
                        "<li style=\"[^\"]*\"><span>([^<]+)</span>.*?<span style=\"text-align:right\">"
                                + "(\\d{1,3},\\d) %</span></li>")
                .matcher(vi.substring(vi.indexOf("<ol class=\"bars\""), vi.indexOf("</ol>")));
        List<Double> shares = new ArrayList<>();
        while (bars.find()) {
            shares.add(Double.parseDouble(bars.group(2).replace(',', '.')));
        }
        assertThat(shares).hasSize(34).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(vi)
                .containsPattern("<td class=\"num\">\\d{1,3},\\d</td>")
                .doesNotContainPattern("<td class=\"num\">\\d+\\.\\d</td>");
        String en = Http.get(url("/stats/ntm?f=html&lang=en")).text();
        assertThat(en)
                .contains(
                        "<html lang=\"en\"",
                        "NTM standard met",
                        "Average criteria met",
                        "<abbr title=\"Indicator 8.4: ")
                .containsPattern("<td class=\"num\">\\d{1,3}\\.\\d</td>")
                .doesNotContain("Đạt chuẩn nông thôn mới");
        // the figures provinces published: Bắc Giang 05/2023 as published, its source and date on its row, no sample
        // notice
        String reported = Http.get(url("/stats/ntm?f=html&source=reported&as_of=2023-06-01&lang=en"))
                .text();
        assertThat(reported)
                .contains(
                        "<th scope=\"row\">Bắc Giang</th>",
                        "<td class=\"num\">144</td>",
                        "<td class=\"num\">79.1</td>",
                        "Whole province",
                        "31 May 2023")
                .doesNotContain("class=\"sample\"", ">null<");
        // the machine's formats keep their columns
        assertThat(Http.get(url("/stats/ntm?f=csv")).text())
                .startsWith("source,as_of,grouping,province_code,province_name,communes_total,ntm,ntm_pct");
        assertThat(Http.get(url("/stats/ntm")).json().get("grouping").asString())
                .isEqualTo("provinces_2025");
    }

    /** The criteria catalogue, items and trace pages write names and titles, never codes, booleans or null (issue 15). */
    @Test
    void cataloguePagesWriteNamesNotCodes() {
        String sets = Http.get(url("/ntm/criteria-sets?f=html")).text();
        assertThat(sets)
                .contains(
                        "Quyết định 318/QĐ-TTg (08/03/2022), được sửa đổi bởi Quyết định 211/QĐ-TTg (2024)",
                        ">Bộ tiêu chí quốc gia về xã nông thôn mới giai đoạn 2021–2025</a>",
                        "<td>Xã</td>",
                        "<td>Có</td>",
                        "<td>Không</td>",
                        "(và 47 chỉ tiêu)")
                .doesNotContain(">true<", ">false<", ">commune_2021_2025<", ">commune<", ">Decision");
        assertThat(Http.get(url("/ntm/criteria-sets?f=html&lang=en")).text())
                .contains("Decision 318/QĐ-TTg", "<td>Commune</td>", "<td>Yes</td>");
        String wards = Http.get(url("/collections/communes/items?f=html&unit_type=phuong&limit=5"))
                .text();
        assertThat(wards)
                .contains("<td>Phường</td>")
                .doesNotContain("<td>phuong</td>", "<td>null</td>", "<td>true</td>", "<td>false</td>");
        assertThat(Http.get(url("/collections/communes/items?f=html&unit_type=phuong&limit=5&lang=en"))
                        .text())
                .contains("<td>Ward</td>");
        String zone = json("/collections/zones/items?status=active&limit=1")
                .get("features")
                .get(0)
                .get("properties")
                .get("growing_area_code")
                .asString();
        String trace = Http.get(url("/trace/" + zone), "Accept", "text/html").text();
        assertThat(trace)
                .doesNotContain("offtaker:", "grower:", "producer:")
                .containsPattern("<li>(Doanh nghiệp bao tiêu|Hộ, trang trại trồng): ");
    }

    double produced() {
        JsonNode m = Http.asAdmin(url("/actuator/metrics/ruralatlas.tiles.requests?tag=answer:produced"))
                .json();
        return m.get("measurements").get(0).get("value").asDouble();
    }
}
