package org.ruralatlas.server.ogcapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.geo.CrsOffer;

/**
 * The document {@code /api} serves is valid OpenAPI 3.0 as an independent reader sees it
 * (swagger-parser, which checks the specification's rules and resolves every {@code $ref}), and
 * that reader finds in it what the server answers.
 */
class OpenApiValidityTest {

    private static SwaggerParseResult read(String json) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(json, null, options);
    }

    @Test
    void theDocumentIsValidOpenApi30() {
        String json = OpenApiJson.tree(OpenApiDocument.build(LayerCatalog.load(), CrsOffer.ALL, "http://test"))
                .toString();
        SwaggerParseResult result = read(json);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getPaths())
                .containsKeys(
                        "/",
                        "/conformance",
                        "/collections/farms/items",
                        "/collections/farms/items/{featureId}",
                        "/tiles/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}",
                        "/search",
                        "/downloads/farms.{format}",
                        "/ntm/survey/{code}/responses");
        assertThat(result.getOpenAPI()
                        .getComponents()
                        .getParameters()
                        .get("bbox")
                        .getSchema()
                        .getMinItems())
                .isEqualTo(4);
    }

    @Test
    void everyItemsPathTakesBboxAndDatetimeAsPart1AsksRecordsIncluded() {
        // the OGC suite (ets-ogcapi-features10) takes every /collections/{id}/items path of the
        // document for a feature collection, listed in /collections or not, and checks both there
        var paths = read(OpenApiJson.tree(OpenApiDocument.build(LayerCatalog.load(), CrsOffer.ALL, "http://test"))
                        .toString())
                .getOpenAPI()
                .getPaths();
        var items = paths.keySet().stream()
                .filter(p -> p.matches("/collections/[^/]+/items"))
                .toList();
        assertThat(items).contains("/collections/farms/items", "/collections/ntm_assessments/items");
        for (String path : items) {
            var names = paths.get(path).getGet().getParameters().stream()
                    .map(io.swagger.v3.oas.models.parameters.Parameter::getName)
                    .toList();
            assertThat(names).as(path).contains("bbox", "datetime");
        }
        var bbox = paths.get("/collections/ntm_assessments/items").getGet().getParameters().stream()
                .filter(p -> p.getName().equals("bbox"))
                .findFirst()
                .orElseThrow();
        assertThat(bbox.getStyle()).hasToString("form");
        assertThat(bbox.getExplode()).isFalse();
        assertThat(bbox.getSchema().getMaxItems()).isEqualTo(6);
    }

    @Test
    void theReaderWouldSeeABrokenDocument() {
        // the check above can fail: a parameter with no location, and a reference to nothing
        String json = OpenApiJson.tree(OpenApiDocument.build(LayerCatalog.load(), CrsOffer.ALL, "http://test"))
                .toString()
                .replaceFirst("\"in\":\"query\",", "")
                .replace("#/components/parameters/cursor", "#/components/parameters/nothing");
        assertThat(read(json).getMessages()).isNotEmpty();
    }
}
