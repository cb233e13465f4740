package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruralatlas.data.sample.SampleData;
import org.ruralatlas.data.testing.IntegrationTest;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 18, graceful shutdown ({@code server.shutdown=graceful}): a streaming download in flight
 * when the server is asked to stop is sent to its end, and so is a static file of the viewer. During the drain delay readiness is
 * OUT_OF_SERVICE and new requests, on a kept-alive connection or a new one, get 503 with
 * Retry-After; after it Tomcat's graceful shutdown closes the socket (new connections refused)
 * and waits for the download. Without the delay, Spring Boot 4.1 with Tomcat closes the socket
 * and the idle kept-alive connections at once: a new request meets a closed connection, never a 503.
 */
@IntegrationTest
class GracefulShutdownTest {

    @TempDir
    Path dir;

    @Test
    void aDownloadInFlightFinishesWhileNewRequestsAreRefused() throws Exception {
        ConfigurableApplicationContext server = new SpringApplicationBuilder(MapServerApplication.class)
                .run(
                        "--server.port=0",
                        "--ruralatlas.geopackage.path=" + SampleData.copyTo(dir.resolve("atlas.gpkg")),
                        "--ruralatlas.tiles.cache-dir=" + dir.resolve("tiles"),
                        "--ruralatlas.downloads.cache-dir=" + dir.resolve("downloads"),
                        "--ruralatlas.shutdown.drain-delay=3s");
        int port = ((WebServerApplicationContext) server).getWebServer().getPort();
        String base = "http://127.0.0.1:" + port;
        HttpClient keptAlive =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThat(keptAlive
                        .send(get(base + "/collections"), HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(200);

        HttpClient downloader =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> download =
                downloader.send(get(base + "/downloads/communes.geojson"), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(download.statusCode()).isEqualTo(200);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        InputStream in = download.body();
        body.write(in.readNBytes(16 * 1024));
        // and one of the viewer's static files (1.5 MB), read slowly through a small window, so the server is still
        // sending it
        SlowClient staticFile = SlowClient.get(base, "/webjars/swagger-ui/5.32.0/swagger-ui-bundle.js", 16 * 1024);
        assertThat(staticFile.status).startsWith("HTTP/1.1 200");
        assertThat(staticFile.length).isGreaterThan(1_000_000);

        Thread stopping = new Thread(server::close, "stopping");
        long stop = System.nanoTime();
        stopping.start();
        Thread.sleep(500);
        // the drain delay: readiness OUT_OF_SERVICE, new requests (kept-alive connection or new) 503 with Retry-After
        assertThat(stopping.isAlive()).as("the stop waits").isTrue();
        HttpResponse<String> kept =
                keptAlive.send(get(base + "/collections/farms/items?limit=1"), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> fresh = HttpClient.newHttpClient()
                .send(get(base + "/collections/farms/items?limit=1"), HttpResponse.BodyHandlers.ofString());
        for (HttpResponse<String> during : List.of(kept, fresh)) {
            assertThat(during.statusCode()).as(during.body()).isEqualTo(503);
            assertThat(during.headers().firstValue("Retry-After")).isPresent();
            assertThat(during.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        }
        assertThat(HttpClient.newHttpClient()
                        .send(get(base + "/actuator/health/readiness"), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(503);
        // after it, the graceful shutdown: the socket is closed to new connections, the download still goes on
        Thread.sleep(Math.max(0, 3_500 - (System.nanoTime() - stop) / 1_000_000));
        assertThat(stopping.isAlive()).as("the stop waits for the download").isTrue();
        boolean refused;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            refused = false;
        } catch (ConnectException e) {
            refused = true;
        }
        assertThat(refused).as("a new connection once the socket is closed").isTrue();

        // the rest, slowly: the server keeps sending until the end
        byte[] chunk = new byte[64 * 1024];
        for (int n; (n = in.read(chunk)) >= 0; ) {
            body.write(chunk, 0, n);
            Thread.sleep(2);
        }
        try (staticFile) {
            assertThat(staticFile.readRest(1))
                    .as("the static file's connection ended normally")
                    .isTrue();
        }
        assertThat((long) staticFile.body.size()).as("the static file, whole").isEqualTo(staticFile.length);
        JsonNode collection = JsonMapper.builder().build().readTree(body.toByteArray());
        assertThat(collection.get("type").asString()).isEqualTo("FeatureCollection");
        assertThat(collection.get("features").size())
                .as("every commune, %d bytes", body.size())
                .isGreaterThan(3000);
        stopping.join(30_000);
        assertThat(stopping.isAlive()).isFalse();
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .build();
    }
}
