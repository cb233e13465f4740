package org.ruralatlas.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for tests, against a server on a loopback port. */
public final class Http {

    /** The administrator's token of the test servers that have administration on. */
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A response: status, headers and body text. */
    public record Reply(int status, HttpHeaders headers, String text) {
        public JsonNode json() {
            return JSON.readTree(text);
        }

        public String contentType() {
            return header("Content-Type");
        }

        public String header(String name) {
            return headers.firstValue(name).orElse("");
        }
    }

    /** A response with a binary body (tiles, files). */
    public record BinaryReply(int status, HttpHeaders headers, byte[] body) {
        public String header(String name) {
            return headers.firstValue(name).orElse("");
        }
    }

    private Http() {}

    /** GET with headers given as name, value, name, value…, keeping the body as bytes. */
    public static BinaryReply bytes(String url, String... headers) {
        HttpResponse<byte[]> r =
                send(HttpRequest.newBuilder(URI.create(url)), headers, HttpResponse.BodyHandlers.ofByteArray());
        return new BinaryReply(r.statusCode(), r.headers(), r.body());
    }

    public static Reply get(String url) {
        return get(url, "Accept", "application/json");
    }

    /** GET as the administrator (metrics, health details, /admin/…). */
    public static Reply asAdmin(String url) {
        return get(url, "Accept", "application/json", "Authorization", "Bearer " + ADMIN_TOKEN);
    }

    /** POST with no body, headers given as name, value, name, value… */
    public static Reply post(String url, String... headers) {
        return text(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()), headers);
    }

    /** DELETE, headers given as name, value, name, value… */
    public static Reply delete(String url, String... headers) {
        return text(HttpRequest.newBuilder(URI.create(url)).DELETE(), headers);
    }

    /** POST of a JSON body, headers given as name, value, name, value… */
    /** A new password set as an administrator does, with the configured admin token, at {@code url} (…/admin/accounts/NAME/password). */
    public static String newPassword(String url) {
        return send("POST", url, "", "Authorization", "Bearer " + ADMIN_TOKEN)
                .json()
                .get("password")
                .asString();
    }

    public static Reply postJson(String url, String json, String... headers) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = "Content-Type";
        all[headers.length + 1] = "application/json";
        return text(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(json)), all);
    }

    /** A request of any method with a text body, headers given as name, value, name, value… */
    public static Reply send(String method, String url, String body, String... headers) {
        return text(
                HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.ofString(body)),
                headers);
    }

    /** PATCH of a JSON merge patch, with an Authorization header and the ETag it must match (If-Match). */
    public static Reply mergePatch(String url, String json, String authorization, String etag) {
        return send(
                "PATCH",
                url,
                json,
                "Authorization",
                authorization,
                "If-Match",
                etag,
                "Content-Type",
                "application/merge-patch+json");
    }

    /** Moves a point feature to lon, lat and renames it, as the administrator, against its current ETag. */
    public static Reply movePoint(String url, double lon, double lat, String name) {
        return mergePatch(
                url,
                "{\"geometry\": {\"type\": \"Point\", \"coordinates\": [" + lon + ", " + lat
                        + "]}, \"properties\": {\"name\": \"" + name + "\"}}",
                "Bearer " + ADMIN_TOKEN,
                get(url).header("ETag"));
    }

    /** Whether GET {@code url} answers 200 with a body holding {@code text} (a tile holding a marker). */
    public static boolean holds(String url, String text) {
        BinaryReply r = bytes(url);
        return r.status() == 200
                && PostgisFreshnessTest.indexOf(r.body(), text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) >= 0;
    }

    /** POST of a body of bytes (a file), headers given as name, value, name, value… */
    public static Reply postBytes(String url, byte[] body, String... headers) {
        return text(
                HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofByteArray(body)), headers);
    }

    /** GET with headers given as name, value, name, value… */
    public static Reply get(String url, String... headers) {
        return text(HttpRequest.newBuilder(URI.create(url)), headers);
    }

    private static Reply text(HttpRequest.Builder request, String[] headers) {
        HttpResponse<String> r = send(request, headers, HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.headers(), r.body());
    }

    private static <T> HttpResponse<T> send(
            HttpRequest.Builder request, String[] headers, HttpResponse.BodyHandler<T> body) {
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return CLIENT.send(request.build(), body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
