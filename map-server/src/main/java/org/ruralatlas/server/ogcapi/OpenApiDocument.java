package org.ruralatlas.server.ogcapi;

import static org.ruralatlas.server.ogcapi.ApiParts.problemContent;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.geo.CrsOffer;

/**
 * The OpenAPI 3.0 definition of what the server really answers, built from the layer catalogue
 * as a typed model (swagger-models): one path per collection, so each declares its own property
 * filters with their allowed values. Each family of paths is its own class; parameter definitions
 * follow the OGC API – Features Part 1 building blocks.
 */
public final class OpenApiDocument {

    private OpenApiDocument() {}

    public static OpenAPI build(LayerCatalog catalog, CrsOffer crsOffer, String base) {
        Paths paths = new Paths();
        FeaturePaths.add(paths, catalog);
        TilePaths.add(paths, catalog);
        NtmPaths.add(paths);
        TracePaths.add(paths);
        SurveyPaths.add(paths);
        SearchPath.add(paths, catalog);
        DownloadPaths.add(paths, catalog);
        EditPaths.add(paths, catalog);
        ImportPaths.add(paths, catalog);
        ProposalPaths.add(paths, catalog);
        return new OpenAPI()
                .openapi("3.0.3")
                .info(info())
                .servers(List.of(new Server().url(base)))
                .tags(List.of(tag("Capabilities"), tag("Data"), tag("NTM"), tag("Traceability"), tag("Surveys")))
                .paths(paths)
                .components(components(crsOffer));
    }

    private static Info info() {
        return new Info()
                .title("RuralAtlas")
                .version("0.1.0")
                .description("Open data on Vietnam's new rural development (NTM) programme as OGC API – Features: "
                        + "farms, raw-material zones, NTM status of communes, rural tourism sites and provinces. "
                        + "Records marked sample=true are illustrative.")
                .license(new License()
                        .name("Apache-2.0 (software); data licences per collection")
                        .url("https://www.apache.org/licenses/LICENSE-2.0"));
    }

    private static Tag tag(String name) {
        return new Tag().name(name);
    }

    private static Components components(CrsOffer crsOffer) {
        Components components = new Components()
                .parameters(ApiParameters.all(crsOffer))
                .schemas(ApiSchemas.all())
                .addResponses("BadRequest", error("A parameter is invalid; the problem names it"))
                .addResponses("NotFound", error("No such collection or feature"))
                .addResponses("ServerError", error("The server or its data store failed"));
        return components.addSecuritySchemes(
                "bearer",
                new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("An account's API token (ra_…), or the administrator's ruralatlas.admin.token"));
    }

    private static ApiResponse error(String description) {
        return new ApiResponse().description(description).content(problemContent());
    }
}
