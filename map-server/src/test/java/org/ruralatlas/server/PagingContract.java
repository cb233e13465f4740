package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Next links carry a signed keyset cursor, the same on every store: followed page after page
 * while other clients insert and delete rows before and after the position, they give every
 * row that was there throughout exactly once and in order (offset paging skips or repeats rows
 * then), with sortby, filters and boxes kept; a cursor altered in any way is a 400 naming it.
 * The store's own writes go straight to its tables, as psql, QGIS or sqlite3 would.
 */
interface PagingContract {

    String url(String path);

    /**
     * Inserts copies of farm {@code fromId}, one per entry of {@code areas} (id to area, null:
     * missing), with that growing-area code, in one transaction.
     */
    void copyFarms(String fromId, java.util.Map<String, Double> areas, String growingAreaCode) throws Exception;

    /** Deletes these farms in one transaction. */
    void deleteFarms(java.util.Collection<String> ids) throws Exception;

    private void copyFarm(String fromId, String newId, String growingAreaCode, Double areaHa) throws Exception {
        java.util.Map<String, Double> one = new java.util.HashMap<>();
        one.put(newId, areaHa);
        copyFarms(fromId, one, growingAreaCode);
    }

    private void deleteFarm(String id) throws Exception {
        deleteFarms(List.of(id));
    }

    String CODE = "VN-PAGING-TEST";

    /** The first farm of the sample: every copy is made of it (its place and names). */
    private String someFarm() {
        return Http.get(url("/collections/farms/items?limit=1"))
                .json()
                .get("features")
                .get(0)
                .get("id")
                .asString();
    }

    private static String next(JsonNode doc) {
        for (JsonNode link : doc.get("links")) {
            if (link.get("rel").asString().equals("next")) {
                return link.get("href").asString();
            }
        }
        return null;
    }

    private static double area(int i) {
        return (i * 37) % 23 + 0.5;
    }

    /**
     * 90 farms of their own (the test's growing-area code), a quarter without an area, walked 7 at
     * a time by id, by area descending and by area ascending, in a box and with a CQL2 filter.
     * Between two pages one farm already passed is deleted and one inserted before the position
     * (each would shift offset pages by one), one ahead deleted and one inserted ahead.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "&sortby=-area_ha",
                "&sortby=area_ha&bbox=100,5,112,25",
                "&sortby=-area_ha&filter=area_ha%20IS%20NULL%20OR%20area_ha%20%3E%200"
            })
    default void nextLinksGiveEveryRowOnceAndInOrderWhileRowsComeAndGo(String extra) throws Exception {
        String source = someFarm();
        String prefix = "farm-paging-" + Integer.toHexString(extra.hashCode() & 0xffff) + "-";
        boolean sorted = extra.contains("sortby");
        boolean descending = extra.contains("-area_ha");
        List<String> created = new ArrayList<>();
        try {
            java.util.Map<String, Double> first = new java.util.LinkedHashMap<>();
            for (int i = 0; i < 90; i++) {
                String id = prefix + String.format("%04d", i * 10);
                first.put(id, i % 4 == 0 ? null : area(i));
                created.add(id);
            }
            copyFarms(source, first, CODE);
            Set<String> throughout = new TreeSet<>(created);
            String href =
                    url("/collections/farms/items?growing_area_code=" + CODE + "&limit=7&skipGeometry=true" + extra);
            List<JsonNode> seen = new ArrayList<>();
            Set<String> seenIds = new java.util.HashSet<>();
            Set<String> insertedBefore = new TreeSet<>();
            Set<String> deletedAhead = new TreeSet<>();
            Set<String> insertedAhead = new TreeSet<>();
            int pages = 0;
            while (href != null && pages++ < 100) {
                JsonNode doc = Http.get(href).json();
                assertThat(doc.get("numberReturned").asInt())
                        .isEqualTo(doc.get("features").size());
                doc.get("features").forEach(f -> {
                    seen.add(f);
                    seenIds.add(f.get("id").asString());
                });
                href = next(doc);
                if (href == null || seen.size() < 14) {
                    continue;
                }
                assertThat(href).contains("cursor=").doesNotContain("offset=").contains("growing_area_code=" + CODE);
                assertThat(doc.get("links").findValuesAsString("rel")).doesNotContain("prev");
                // one passed deleted
                String passed = seen.get(seen.size() - 10).get("id").asString();
                deleteFarm(passed);
                throughout.remove(passed);
                // one inserted before the position: the first id of the sample's rows ("0000") is always passed by now,
                // and this one comes right after it: by id, among the missing areas (first descending), or as the least
                // area
                String before = prefix + "0000-" + String.format("%03d", pages);
                copyFarm(source, before, CODE, !sorted || descending ? null : 0.01);
                created.add(before);
                insertedBefore.add(before);
                // one ahead deleted: a farm there from the start, not seen yet
                for (int i = created.size() - 1; i >= 0; i--) {
                    String id = created.get(i);
                    if (throughout.contains(id) && !seenIds.contains(id)) {
                        deleteFarm(id);
                        throughout.remove(id);
                        deletedAhead.add(id);
                        break;
                    }
                }
                // one inserted ahead, at the very end: the last id, the least area descending, a missing area ascending
                String after = prefix + "9999-" + String.format("%03d", pages);
                copyFarm(source, after, CODE, descending ? 0.001 : null);
                created.add(after);
                insertedAhead.add(after);
            }
            List<String> ids = seen.stream().map(f -> f.get("id").asString()).toList();
            assertThat(ids).as("disjoint pages").doesNotHaveDuplicates();
            Comparator<JsonNode> order = order(extra);
            for (int i = 1; i < seen.size(); i++) {
                assertThat(order.compare(seen.get(i - 1), seen.get(i)))
                        .as("in order at " + ids.get(i))
                        .isNegative();
            }
            assertThat(insertedBefore).as("some writes happened").hasSizeGreaterThan(5);
            assertThat(ids).as("complete").containsAll(throughout);
            assertThat(ids).as("inserted ahead").containsAll(insertedAhead);
            assertThat(ids).as("inserted before the position").doesNotContainAnyElementsOf(insertedBefore);
            assertThat(ids).as("deleted ahead of the position").doesNotContainAnyElementsOf(deletedAhead);
        } finally {
            deleteFarms(created);
        }
    }

    /** The order sortby asks for, the id last; a missing area after every area ascending, before descending. */
    private static Comparator<JsonNode> order(String extra) {
        Comparator<JsonNode> byId = Comparator.comparing(f -> f.get("id").asString());
        if (!extra.contains("sortby")) {
            return byId;
        }
        boolean descending = extra.contains("-area_ha");
        Comparator<JsonNode> byArea = (a, b) -> {
            JsonNode x = a.get("properties").get("area_ha");
            JsonNode y = b.get("properties").get("area_ha");
            boolean xn = x == null || x.isNull();
            boolean yn = y == null || y.isNull();
            if (xn || yn) {
                return xn == yn ? 0 : (xn ? 1 : -1) * (descending ? -1 : 1);
            }
            return Double.compare(x.asDouble(), y.asDouble()) * (descending ? -1 : 1);
        };
        return byArea.thenComparing(byId);
    }

    /** The same walk by offset would have lost or repeated rows: shown here so the test above means something. */
    @Test
    default void offsetPagesShiftWhenARowBeforeThemIsDeleted() throws Exception {
        String source = someFarm();
        List<String> created = new ArrayList<>();
        try {
            java.util.Map<String, Double> ten = new java.util.LinkedHashMap<>();
            for (int i = 0; i < 10; i++) {
                String id = "farm-paging-offset-" + i;
                ten.put(id, area(i));
                created.add(id);
            }
            copyFarms(source, ten, CODE);
            String q = "/collections/farms/items?growing_area_code=" + CODE + "&limit=5&skipGeometry=true";
            JsonNode first = Http.get(url(q)).json();
            String byCursor = next(first);
            String byOffset = url(q + "&offset=5");
            deleteFarm(created.get(0));
            List<String> cursorPage = Http.get(byCursor).json().get("features").findValuesAsString("id");
            List<String> offsetPage = Http.get(byOffset).json().get("features").findValuesAsString("id");
            assertThat(cursorPage).containsExactlyElementsOf(created.subList(5, 10));
            assertThat(offsetPage).containsExactlyElementsOf(created.subList(6, 10));
            // an offset page still links back, and on with a cursor
            JsonNode mid =
                    Http.get(url(q.replace("limit=5", "limit=2") + "&offset=2")).json();
            assertThat(mid.get("links").findValuesAsString("rel")).contains("prev", "next");
            assertThat(next(mid)).contains("cursor=").doesNotContain("offset=");
        } finally {
            deleteFarms(created);
        }
    }

    /** Any change to a cursor, or one for another collection or order, or not one at all: 400 naming cursor. */
    @Test
    default void anAlteredOrForeignCursorIsA400NamingIt() throws Exception {
        String q = "/collections/farms/items?limit=2&sortby=-area_ha";
        String next = next(Http.get(url(q)).json());
        String cursor = java.net.URLDecoder.decode(
                next.substring(next.indexOf("cursor=") + 7).split("&")[0], java.nio.charset.StandardCharsets.UTF_8);
        assertThat(Http.get(url(q + "&cursor=" + cursor)).status()).isEqualTo(200);
        String payload = cursor.substring(0, cursor.indexOf('.'));
        String signature = cursor.substring(cursor.indexOf('.') + 1);
        String json = new String(Base64.getUrlDecoder().decode(payload), java.nio.charset.StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(json.replaceFirst("farm-[0-9]+", "farm-0000001")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        char flipped = signature.charAt(0) == 'A' ? 'B' : 'A';
        List<String> bad = List.of(
                forged + "." + signature, // values changed, signature kept
                payload + "." + flipped + signature.substring(1), // signature changed
                payload, // no signature
                "not-a-cursor",
                "%00",
                "..",
                payload + "." + signature + "x",
                "a".repeat(5000));
        for (String c : bad) {
            Http.Reply r = Http.get(
                    url(q + "&cursor=" + java.net.URLEncoder.encode(c, java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(r.status()).as(c).isEqualTo(400);
            assertThat(r.contentType()).as(c).startsWith("application/problem+json");
            assertThat(r.json().get("parameter").asString()).as(c).isIn("cursor");
        }
        // a genuine cursor under another order or collection
        for (String other : List.of(
                "/collections/farms/items?limit=2&sortby=area_ha",
                "/collections/farms/items?limit=2",
                "/collections/zones/items?limit=2&sortby=-area_ha")) {
            Http.Reply r = Http.get(url(
                    other + "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(r.status()).as(other).isEqualTo(400);
            assertThat(r.json().get("parameter").asString()).isEqualTo("cursor");
        }
    }

    /** numberMatched: exact on the sample, on the first page and on a cursor page alike; the estimate member absent. */
    @Test
    default void numberMatchedIsExactWhileCheapOnEveryPage() {
        JsonNode first = Http.get(url("/collections/farms/items?limit=5&bbox=104,19,108,23"))
                .json();
        long matched = first.get("numberMatched").asLong();
        assertThat(matched).isGreaterThan(5);
        assertThat(first.has("numberMatchedEstimate")).isFalse();
        JsonNode second = Http.get(next(first)).json();
        assertThat(second.get("numberMatched").asLong()).isEqualTo(matched);
        JsonNode all = Http.get(url("/collections/farms/items?limit=10000&bbox=104,19,108,23&skipGeometry=true"))
                .json();
        assertThat(all.get("numberReturned").asLong()).isEqualTo(matched);
        assertThat(all.get("links").findValuesAsString("rel")).doesNotContain("next");
    }
}
