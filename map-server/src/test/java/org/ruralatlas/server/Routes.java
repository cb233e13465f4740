package org.ruralatlas.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Every route of the server, for tests that try them all: the API document's paths made concrete, and the others. */
final class Routes {

    /** Routes the API document does not list: pages, the viewer's files, the administrator's, the actuator. */
    static final List<String> NON_API = List.of(
            "/viewer/config.json",
            "/sw.js",
            "/manifest.webmanifest",
            "/index.html",
            "/viewer.js",
            "/planner.html",
            "/api.html",
            "/tiles/all/0/0/0.mvt",
            "/tiles/farms/10/815/450.mvt",
            "/admin/tiles/jobs",
            "/admin/tiles/jobs/1",
            "/actuator/health",
            "/actuator/metrics",
            "/actuator/info",
            "/account",
            "/account/tokens",
            "/account/changes",
            "/admin/accounts",
            "/admin/accounts/x/changes");

    /** The routes that write, with their methods: features (OGC API – Features Part 4), the audit's restore, accounts and tokens. */
    static final List<Map.Entry<String, String>> WRITES = List.of(
            Map.entry("POST", "/collections/farms/items"),
            Map.entry("PUT", "/collections/farms/items/x"),
            Map.entry("PATCH", "/collections/farms/items/x"),
            Map.entry("DELETE", "/collections/farms/items/x"),
            Map.entry("POST", "/collections/tourism/items"),
            Map.entry("PATCH", "/collections/tourism/items/x"),
            Map.entry("POST", "/collections/farms/items/x/revisions/1/restore"),
            Map.entry("POST", "/account/tokens"),
            Map.entry("DELETE", "/account/tokens/x"),
            Map.entry("POST", "/admin/accounts"),
            Map.entry("PATCH", "/admin/accounts/x"),
            Map.entry("POST", "/collections/tourism/proposals"),
            Map.entry("POST", "/proposals/x/accept"),
            Map.entry("POST", "/proposals/x/reject"));

    /** Sample values of path variables: real ones, so that a route is reached. */
    private static final Map<String, String> VARIABLES = Map.of(
            "featureId",
            "x",
            "tileMatrixSetId",
            "WebMercatorQuad",
            "tileMatrix",
            "0",
            "tileRow",
            "0",
            "tileCol",
            "0",
            "code",
            "07330",
            "setId",
            "commune_2021_2025",
            "format",
            "csv",
            "jobId",
            "x",
            "proposalId",
            "x");

    /** A query parameter the API document declares for a GET route. */
    record Declared(String path, String parameter, String sample) {}

    private Routes() {}

    /** The GET paths of the API document with their variables filled in. */
    static List<String> concrete(JsonNode api) {
        List<String> paths = new ArrayList<>();
        for (Map.Entry<String, JsonNode> p : api.get("paths").properties()) {
            if (p.getValue().has("get")) {
                paths.add(fill(p.getKey()));
            }
        }
        return paths;
    }

    /** Every declared query parameter of every GET route, with a sample value of the wrong kind (cheap: refused or matching nothing). */
    static List<Declared> declared(JsonNode api) {
        List<Declared> all = new ArrayList<>();
        for (Map.Entry<String, JsonNode> p : api.get("paths").properties()) {
            JsonNode get = p.getValue().get("get");
            if (get == null || !get.has("parameters")) {
                continue;
            }
            for (JsonNode param : get.get("parameters")) {
                if (param.has("$ref")) {
                    String ref = param.get("$ref").asString();
                    param = api.get("components").get("parameters").get(ref.substring(ref.lastIndexOf('/') + 1));
                }
                if (param.get("in").asString().equals("query")) {
                    all.add(new Declared(fill(p.getKey()), param.get("name").asString(), "zz-bad"));
                }
            }
        }
        return all;
    }

    private static String fill(String template) {
        String path = template;
        for (Map.Entry<String, String> v : VARIABLES.entrySet()) {
            path = path.replace("{" + v.getKey() + "}", v.getValue());
        }
        if (path.endsWith("/history")) {
            path = path.replace("/items/x/", "/items/07330@2025-07-01/");
        }
        return path;
    }
}
