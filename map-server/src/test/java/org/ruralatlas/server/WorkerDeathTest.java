package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Issue 12, finding 10: a server whose change feed has died (its thread stopped, as an
 * OutOfMemoryError or an interrupt would) no longer hears writes; health and the liveness group
 * say DOWN, naming the worker, so that a supervisor restarts it.
 */
@IntegrationTest
class WorkerDeathTest {

    @Test
    void aStoppedChangeFeedOnPostgisMakesHealthDown() throws Exception {
        // tiles and downloads: search on PostGIS is the database's, with no feed and nothing to rebuild
        healthGoesDownWhenTheFeedStops(
                "postgis-changes", 2, "--ruralatlas.db.url=" + TestDatabase.withSample("workers"));
    }

    @Test
    void aStoppedChangeFeedOnTheGeoPackageMakesHealthDown() throws Exception {
        healthGoesDownWhenTheFeedStops("geopackage-changes", 3); // tiles, downloads, search
    }

    private static void healthGoesDownWhenTheFeedStops(String threadName, int feedCount, String... settings)
            throws Exception {
        String[] args = java.util.stream.Stream.concat(
                        java.util.stream.Stream.of("--server.port=0", "--ruralatlas.admin.token=" + Http.ADMIN_TOKEN),
                        java.util.stream.Stream.of(settings))
                .toArray(String[]::new);
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        try (ConfigurableApplicationContext server =
                new SpringApplicationBuilder(MapServerApplication.class).run(args)) {
            String base = "http://127.0.0.1:"
                    + ((WebServerApplicationContext) server).getWebServer().getPort();
            assertThat(Http.get(base + "/actuator/health").status()).isEqualTo(200);
            assertThat(Http.get(base + "/actuator/health/liveness").status()).isEqualTo(200);

            // this server's feeds (other tests' servers may run in this JVM)
            List<Thread> feeds = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals(threadName) && !before.contains(t))
                    .toList();
            assertThat(feeds).hasSize(feedCount);
            Thread victim = feeds.get(0);
            victim.interrupt();
            victim.join(5000);
            assertThat(victim.isAlive()).isFalse();

            // the public sees DOWN and when to come back; which worker stopped only with the admin token
            Http.Reply health = Http.get(base + "/actuator/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.header("Retry-After")).isNotEmpty();
            assertThat(health.json().get("status").asString()).isEqualTo("DOWN");
            assertThat(health.json().has("components")).isFalse();
            health = Http.asAdmin(base + "/actuator/health");
            assertThat(health.status()).isEqualTo(503);
            JsonNode workers = health.json().get("components").get("workers");
            assertThat(workers.get("status").asString()).isEqualTo("DOWN");
            assertThat(workers.get("details").get("stopped")).hasSize(1);
            assertThat(workers.get("details").get("stopped").get(0).asString()).contains("data change feed");
            assertThat(Http.get(base + "/actuator/health/liveness").status()).isEqualTo(503);
            // the data itself still answers: only liveness says restart
            assertThat(Http.get(base + "/actuator/health/readiness").status()).isEqualTo(200);
        }
    }
}
