package org.ruralatlas.server.ogcapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.geo.CrsOffer;
import org.ruralatlas.server.error.ApiException;
import tools.jackson.databind.JsonNode;

/** A typed parameter parses (400 naming it) and describes itself: the OpenAPI document says what the parser does. */
class TypedParametersTest {

    /** The document as /api writes it. */
    private static final JsonNode DOCUMENT =
            OpenApiJson.tree(OpenApiDocument.build(LayerCatalog.load(), CrsOffer.ALL, "http://test"));

    @Test
    void aLimitTakesWholeNumbersFromOneAndCountsLargerOnesAsItsMaximum() {
        assertThat(Limit.ITEMS.parse(null)).isEqualTo(10);
        assertThat(Limit.ITEMS.parse("7")).isEqualTo(7);
        assertThat(Limit.ITEMS.parse("20000")).isEqualTo(10_000);
        assertThat(Limit.ITEMS.parse("99999999999999")).isEqualTo(10_000);
        assertThat(Limit.SEARCH.parse("51")).isEqualTo(50);
        for (String bad : List.of("0", "-1", "ten", "1.5", "", "99999999999999999999")) {
            assertThatThrownBy(() -> Limit.ITEMS.parse(bad))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.parameter()).isEqualTo("limit"));
        }
    }

    @Test
    void theSearchTextIsBoundedAsTheDocumentSays() {
        assertThat(SearchText.parse("  phuc hoa ")).isEqualTo("phuc hoa");
        assertThat(SearchText.parse("x".repeat(SearchText.MAX_LENGTH))).hasSize(SearchText.MAX_LENGTH);
        for (String bad : Arrays.asList(null, " ", "a", "!!", "x".repeat(SearchText.MAX_LENGTH + 1))) {
            assertThatThrownBy(() -> SearchText.parse(bad))
                    .as(String.valueOf(bad))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.parameter()).isEqualTo("q"));
        }
    }

    @Test
    void theDocumentDescribesTheParametersTheServerParses() {
        JsonNode limit = DOCUMENT.at("/components/parameters/limit");
        assertThat(limit.path("description").asString()).isEqualTo(Limit.ITEMS.description());
        assertThat(limit.at("/schema/maximum").asInt()).isEqualTo(Limit.ITEMS.max());
        assertThat(limit.at("/schema/default").asInt()).isEqualTo(Limit.ITEMS.parse(null));
        assertThat(limit.at("/schema/minimum").asInt()).isEqualTo(1);
        JsonNode search = DOCUMENT.at("/paths/~1search/get/parameters");
        assertThat(search.at("/0/name").asString()).isEqualTo("q");
        assertThat(search.at("/0/required").asBoolean()).isTrue();
        assertThat(search.at("/0/schema/minLength").asInt()).isEqualTo(SearchText.MIN_LETTERS);
        assertThat(search.at("/0/schema/maxLength").asInt()).isEqualTo(SearchText.MAX_LENGTH);
        assertThat(search.at("/1/name").asString()).isEqualTo("limit");
        assertThat(search.at("/1/schema/maximum").asInt()).isEqualTo(Limit.SEARCH.max());
        assertThat(search.at("/1/schema/default").asInt()).isEqualTo(10);
    }

    @Test
    void theDocumentSpellsOpenApi30() {
        assertThat(DOCUMENT.path("openapi").asString()).isEqualTo("3.0.3");
        String json = DOCUMENT.toString();
        // the models' bookkeeping and OpenAPI 3.1 members stay out; references keep their $ref name
        assertThat(json)
                .doesNotContain("exampleSetFlag")
                .doesNotContain("\"types\"")
                .doesNotContain("specVersion")
                .doesNotContain(":null")
                .contains("\"$ref\":\"#/components/parameters/f\"");
    }
}
