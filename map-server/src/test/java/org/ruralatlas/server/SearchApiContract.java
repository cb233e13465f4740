package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ruralatlas.data.text.VietnameseText;
import tools.jackson.databind.JsonNode;

/** {@code /search} on the sample data, the same on every store: the API tests implement it. */
interface SearchApiContract {

    String url(String path);

    private JsonNode search(String query) {
        Http.Reply r = Http.get(url("/search?" + query));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        return r.json();
    }

    private static String q(String text) {
        return "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"phuc hoa", "Phúc Hòa", "Phúc Hoà", "PHUC HOA", "phúc hoà", "PHÚC HÒA"})
    default void findsTheCommuneSpelledPhúcHoàHoweverItIsTyped(String text) {
        for (String form : List.of(
                Normalizer.normalize(text, Normalizer.Form.NFC), Normalizer.normalize(text, Normalizer.Form.NFD))) {
            JsonNode doc = search(q(form) + "&layers=communes");
            JsonNode first = doc.get("results").get(0);
            // the sample has more than one commune of this name: every one comes before anything else
            List<String> codes = new ArrayList<>();
            for (JsonNode r : doc.get("results")) {
                if (r.get("name").asString().equals("Phúc Hoà")) {
                    codes.add(r.get("id").asString());
                }
            }
            assertThat(codes).as(form).contains("07330@2025-07-01");
            // typed with its tone marks it is Phúc Hoà first; typed without, Phục Hoà is as good a reading
            boolean toned = !VietnameseText.fold(form).equals(form.toLowerCase(java.util.Locale.ROOT));
            if (toned) {
                assertThat(first.get("name").asString()).as(form).isEqualTo("Phúc Hoà");
            } else {
                assertThat(VietnameseText.fold(first.get("name").asString()))
                        .as(form)
                        .isEqualTo("phuc hoa");
            }
            assertThat(first.get("match").asString()).isEqualTo("exact");
        }
        JsonNode hit = null;
        for (JsonNode r : search(q(text)).get("results")) {
            if (r.get("id").asString().equals("07330@2025-07-01")) {
                hit = r;
            }
        }
        assertThat(hit).as("Phúc Hoà, Bắc Ninh among all layers' results").isNotNull();
        assertThat(hit.get("layer").asString()).isEqualTo("communes");
        assertThat(hit.get("label").asString()).isEqualTo("Bắc Ninh");
        double lon = hit.get("point").get(0).asDouble();
        double lat = hit.get("point").get(1).asDouble();
        JsonNode bbox = hit.get("bbox");
        assertThat(lon)
                .isBetween(bbox.get(0).asDouble(), bbox.get(2).asDouble())
                .isBetween(105.9, 106.4);
        assertThat(lat)
                .isBetween(bbox.get(1).asDouble(), bbox.get(3).asDouble())
                .isBetween(21.2, 21.6);
        assertThat(Http.get(hit.get("href").asString())
                        .json()
                        .get("properties")
                        .get("code")
                        .asString())
                .isEqualTo("07330");
    }

    @Test
    default void autocompletesAnUnfinishedWordAndForgivesATypo() {
        JsonNode partial = search("q=phuc+ho&layers=communes&limit=50");
        assertThat(partial.get("results").toString()).contains("07330@2025-07-01");
        assertThat(VietnameseText.fold(partial.get("results").get(0).get("name").asString()))
                .startsWith("phuc ho");
        JsonNode typo = search("q=bac+ninhh&layers=provinces");
        assertThat(typo.get("results").get(0).get("name").asString()).isEqualTo("Bắc Ninh");
        assertThat(typo.get("results").get(0).get("match").asString()).isEqualTo("fuzzy");
    }

    @Test
    default void findsTourismSitesFarmsAndZonesByTheirOwnNames() {
        for (String layer : List.of("tourism", "farms", "zones")) {
            // not the first few: other tests rename those
            JsonNode one = Http.get(url("/collections/" + layer + "/items?limit=1&offset=10"))
                    .json()
                    .get("features")
                    .get(0);
            String name = one.get("properties").get("name").asString();
            String plain = VietnameseText.fold(name).toUpperCase(java.util.Locale.ROOT);
            JsonNode doc = search(q(plain) + "&layers=" + layer + "&limit=50");
            List<String> ids = new ArrayList<>();
            doc.get("results").forEach(r -> ids.add(r.get("id").asString()));
            assertThat(ids).as(layer + " " + plain).contains(one.get("id").asString());
            assertThat(doc.get("results").get(0).get("layer").asString()).isEqualTo(layer);
        }
    }

    @Test
    default void filtersByBboxAndLimits() {
        JsonNode all = search("q=hoa&limit=500");
        assertThat(all.get("numberReturned").asInt()).isEqualTo(50);
        JsonNode north = search("q=hoa&limit=50&bbox=105.5,20.5,107,22");
        assertThat(north.get("numberReturned").asInt()).isPositive();
        for (JsonNode r : north.get("results")) {
            JsonNode b = r.get("bbox");
            assertThat(b.get(2).asDouble()).isGreaterThanOrEqualTo(105.5);
            assertThat(b.get(0).asDouble()).isLessThanOrEqualTo(107);
            assertThat(b.get(3).asDouble()).isGreaterThanOrEqualTo(20.5);
            assertThat(b.get(1).asDouble()).isLessThanOrEqualTo(22);
        }
        assertThat(search("q=zzqqxx").get("numberReturned").asInt()).isZero();
        // the whole sample fits the default memory budget: no layer is left out
        assertThat(search("q=hoa").has("layersNotSearched")).isFalse();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|q",
                "q=|q",
                "q=a|q",
                "q=%20%2C%20|q",
                "q=phuc&limit=0|limit",
                "q=phuc&limit=ten|limit",
                "q=phuc&layers=roads|layers",
                "q=phuc&bbox=1,2,3|bbox",
                "q=phuc&colour=red|colour"
            })
    default void refusesBadParametersWithAProblemNamingThem(String query, String parameter) {
        Http.Reply r = Http.get(url("/search?" + query));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("parameter").asString()).isEqualTo(parameter);
    }

    @Test
    default void refusesATooLongQuery() {
        Http.Reply r = Http.get(url("/search?q=" + "a".repeat(101)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("parameter").asString()).isEqualTo("q");
        assertThat(r.json().get("detail").asString()).contains("100");
    }

    @Test
    default void isOpenToOtherSitesAndDocumented() {
        Http.Reply r = Http.get(url("/search?q=phuc+hoa"), "Origin", "https://example.org");
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
        JsonNode op = Http.get(url("/api")).json().get("paths").get("/search").get("get");
        List<String> params = new ArrayList<>();
        op.get("parameters")
                .forEach(p -> params.add(
                        p.has("$ref") ? p.get("$ref").asString() : p.get("name").asString()));
        assertThat(params).containsExactly("q", "limit", "layers", "#/components/parameters/bbox");
        List<String> rels = new ArrayList<>();
        Http.get(url("/"))
                .json()
                .get("links")
                .forEach(l -> rels.add(l.get("rel").asString()));
        assertThat(rels).contains("search");
    }
}
