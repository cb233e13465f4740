package org.ruralatlas.server.ogcapi;

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
        JsonNode tree = OpenApiJson.tree(OpenApiDocument.build(catalog, crsOffer, Urls.base()));
        // tagged by what it says: the same catalogue and build answer 304 to a client that has it
        Conditional conditional = Conditional.tagged("W/\"" + Pages.contentTag(tree) + "\"", null);
        return conditional
                .<JsonNode>notModified(request)
                .orElseGet(() -> conditional
                        .on(ResponseEntity.ok())
                        .contentType(MediaType.parseMediaType(LandingController.OPENAPI_JSON))
                        .body(tree));
    }
}
