package org.ruralatlas.server.ogcapi;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.geo.CrsOffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** {@code /api}: the OpenAPI 3.0 definition in JSON; in HTML, Swagger UI at {@code /api.html}. */
@RestController
public class ApiController {

    private final LayerCatalog catalog;
    private final CrsOffer crsOffer;
    /**
     * The document and its tag per base URL (a server reached by several names, or with no
     * public URL set, has several), made once: each took about 10 ms of CPU, a hundred times a
     * collection page's, for anyone to ask again and again.
     */
    private final Cache<String, Tagged> documents =
            Caffeine.newBuilder().maximumSize(16).build();

    private record Tagged(JsonNode tree, String etag) {}

    public ApiController(LayerCatalog catalog, CrsOffer crsOffer) {
        this.catalog = catalog;
        this.crsOffer = crsOffer;
    }

    @QueryParameters({"f"})
    @GetMapping("/api")
    public ResponseEntity<JsonNode> api(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        if (OutputFormat.of(request) == OutputFormat.HTML) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER)
                    .header("Location", Urls.base() + "/api.html")
                    .build();
        }
        Tagged doc = documents.get(Urls.base(), this::document);
        Conditional conditional = Conditional.tagged(doc.etag(), null);
        return conditional
                .<JsonNode>notModified(request)
                .orElseGet(() -> conditional
                        .on(ResponseEntity.ok())
                        .contentType(MediaType.parseMediaType(LandingController.OPENAPI_JSON))
                        .body(doc.tree()));
    }

    /** Tagged by what it says: the same catalogue and build answer 304 to a client that has it. */
    private Tagged document(String base) {
        JsonNode tree = OpenApiJson.tree(OpenApiDocument.build(catalog, crsOffer, base));
        return new Tagged(tree, "W/\"" + Pages.contentTag(tree) + "\"");
    }
}
