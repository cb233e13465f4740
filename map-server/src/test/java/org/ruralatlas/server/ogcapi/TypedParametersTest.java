package org.ruralatlas.server.ogcapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.geo.CrsOffer;
import org.ruralatlas.server.error.ApiException;

/** A typed parameter parses (400 naming it) and describes itself: the OpenAPI document says what the parser does. */
class TypedParametersTest {

    private static final Map<String, Object> DOCUMENT = OpenApiDocument.build(LayerCatalog.load(), CrsOffer.ALL, "http://test");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Object node, String... keys) {
        Object n = node;
        for (String k : keys) {
            n = ((Map<String, Object>) n).get(k);
        }
        return (Map<String, Object>) n;
    }

    @Test
    void aLimitTakesWholeNumbersFromOneAndCountsLargerOnesAsItsMaximum() {
        assertThat(Limit.ITEMS.parse(null)).isEqualTo(10);
        assertThat(Limit.ITEMS.parse("7")).isEqualTo(7);
        assertThat(Limit.ITEMS.parse("20000")).isEqualTo(10_000);
        assertThat(Limit.ITEMS.parse("99999999999999")).isEqualTo(10_000);
        assertThat(Limit.SEARCH.parse("51")).isEqualTo(50);
        for (String bad : List.of("0", "-1", "ten", "1.5", "", "99999999999999999999")) {
            assertThatThrownBy(() -> Limit.ITEMS.parse(bad)).as(bad).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.parameter()).isEqualTo("limit"));
        }
    }

    @Test
    void theSearchTextIsBoundedAsTheDocumentSays() {
        assertThat(SearchText.parse("  phuc hoa ")).isEqualTo("phuc hoa");
        assertThat(SearchText.parse("x".repeat(SearchText.MAX_LENGTH))).hasSize(SearchText.MAX_LENGTH);
        for (String bad : Arrays.asList(null, " ", "a", "!!", "x".repeat(SearchText.MAX_LENGTH + 1))) {
            assertThatThrownBy(() -> SearchText.parse(bad)).as(String.valueOf(bad)).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.parameter()).isEqualTo("q"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theDocumentDescribesTheParametersTheServerParses() {
        Map<String, Object> limit = at(DOCUMENT, "components", "parameters", "limit");
        assertThat(limit.get("description")).isEqualTo(Limit.ITEMS.description());
        assertThat(at(limit, "schema")).containsEntry("maximum", Limit.ITEMS.max()).containsEntry("default", Limit.ITEMS.parse(null))
                .containsEntry("minimum", 1);
        List<Map<String, Object>> search = (List<Map<String, Object>>) at(DOCUMENT, "paths", "/search", "get").get("parameters");
        assertThat(search.get(0)).containsEntry("name", "q").containsEntry("required", true);
        assertThat(at(search.get(0), "schema")).containsEntry("minLength", SearchText.MIN_LETTERS)
                .containsEntry("maxLength", SearchText.MAX_LENGTH);
        assertThat(search.get(1)).containsEntry("name", "limit");
        assertThat(at(search.get(1), "schema")).containsEntry("maximum", Limit.SEARCH.max()).containsEntry("default", 10);
    }
}
