package org.ruralatlas.server.ogcapi;

import static org.ruralatlas.server.ogcapi.ApiParts.JSON;
import static org.ruralatlas.server.ogcapi.ApiParts.binary;
import static org.ruralatlas.server.ogcapi.ApiParts.get;
import static org.ruralatlas.server.ogcapi.ApiParts.integer;
import static org.ruralatlas.server.ogcapi.ApiParts.object;
import static org.ruralatlas.server.ogcapi.ApiParts.ok;
import static org.ruralatlas.server.ogcapi.ApiParts.oneOf;
import static org.ruralatlas.server.ogcapi.ApiParts.path;
import static org.ruralatlas.server.ogcapi.ApiParts.query;
import static org.ruralatlas.server.ogcapi.ApiParts.ref;
import static org.ruralatlas.server.ogcapi.ApiParts.string;

import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.List;

/** Traceability: what a code is, and its QR code. */
final class TracePaths {

    private TracePaths() {}

    /** The {@code code} path parameter, shared with the survey's paths. */
    static Parameter code() {
        return path(
                "code",
                "A growing-area code, zone id, farm id or OCOP product id (trace); a 5-digit commune code (survey)",
                string());
    }

    static void add(Paths paths) {
        paths.addPathItem(
                "/trace/{code}",
                get(
                        "getTrace",
                        "Traceability",
                        "What a growing-area code, zone, farm or OCOP product id "
                                + "is: certifications, status (revoked, suspended and expired said clearly), location, producer",
                        List.of(code(), ref("f")),
                        ok("The trace", JSON, object(), true)));
        ApiResponse qr = new ApiResponse()
                .description("The QR code")
                .content(new Content()
                        .addMediaType("image/png", new MediaType().schema(binary()))
                        .addMediaType("image/svg+xml", new MediaType().schema(string())));
        paths.addPathItem(
                "/trace/{code}/qr",
                get(
                        "getTraceQr",
                        "Traceability",
                        "QR code of the trace page's URL",
                        List.of(
                                code(),
                                query("f", "png (default) or svg", oneOf(List.of("png", "svg"))),
                                query("size", "PNG size in pixels (100–2000, default 330)", integer())),
                        qr));
    }
}
