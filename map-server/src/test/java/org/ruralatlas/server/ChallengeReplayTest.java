package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruralatlas.data.sample.SampleData;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Issue 12, finding 7: a survey's proof-of-work challenge is used once across servers and
 * restarts. Two servers on the same PostGIS database (or GeoPackage file): a challenge answered on
 * one is refused on the other (409 problem naming the challenge), and again after a restart.
 */
@IntegrationTest
class ChallengeReplayTest {

    @TempDir
    Path dir;

    private final List<ConfigurableApplicationContext> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(ConfigurableApplicationContext::close);
    }

    private String start(String... settings) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--ruralatlas.surveys.difficulty=6",
                "--ruralatlas.tiles.cache-dir=" + dir.resolve("tiles-" + servers.size()),
                "--ruralatlas.downloads.cache-dir=" + dir.resolve("downloads-" + servers.size())));
        args.addAll(List.of(settings));
        ConfigurableApplicationContext server =
                new SpringApplicationBuilder(MapServerApplication.class).run(args.toArray(String[]::new));
        servers.add(server);
        return "http://127.0.0.1:"
                + ((WebServerApplicationContext) server).getWebServer().getPort();
    }

    @Test
    void aChallengeUsedOnOnePostgisServerIsRefusedOnAnotherAndAfterARestart() throws Exception {
        String db = "--ruralatlas.db.url=" + TestDatabase.withSample("replay");
        replayedAcrossServersAndRestarts(start(db), start(db), () -> start(db));
    }

    @Test
    void aChallengeUsedOnOneGeoPackageServerIsRefusedOnAnotherAndAfterARestart() throws Exception {
        String gpkg = "--ruralatlas.geopackage.path=" + SampleData.copyTo(dir.resolve("atlas.gpkg"));
        replayedAcrossServersAndRestarts(start(gpkg), start(gpkg), () -> start(gpkg));
    }

    private void replayedAcrossServersAndRestarts(String a, String b, java.util.function.Supplier<String> restart)
            throws Exception {
        String commune = Http.get(a + "/collections/communes/items?unit_type=xa&province_code=19&limit=1")
                .json()
                .get("features")
                .get(0)
                .get("properties")
                .get("code")
                .asString();
        String answer = answer(a, commune);
        assertThat(post(a, commune, answer, "device-aaaaaaaaaaaaaaaa").status()).isEqualTo(201);

        Http.Reply replay = post(b, commune, answer, "device-bbbbbbbbbbbbbbbb");
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.contentType()).startsWith("application/problem+json");
        assertThat(replay.json().get("parameter").asString()).isEqualTo("challenge");
        assertThat(replay.json().get("detail").asString()).contains("already used");
        // the other server's own challenges are good, once
        String fromB = answer(b, commune);
        assertThat(post(a, commune, fromB, "device-cccccccccccccccc").status()).isEqualTo(201);
        assertThat(post(a, commune, fromB, "device-dddddddddddddddd").status()).isEqualTo(409);

        servers.remove(0).close();
        String restarted = restart.get();
        assertThat(post(restarted, commune, answer, "device-eeeeeeeeeeeeeeee").status())
                .isEqualTo(409);
        assertThat(post(restarted, commune, answer(restarted, commune), "device-eeeeeeeeeeeeeeee")
                        .status())
                .isEqualTo(201);
    }

    /** A challenge of {@code server} for the commune with its solution, as the JSON fields of a response. */
    private static String answer(String server, String commune) throws Exception {
        JsonNode c = Http.get(server + "/ntm/survey/" + commune + "/challenge").json();
        return "\"challenge\":\"" + c.get("challenge").asString() + "\",\"nonce\":\""
                + NtmContract.solve(
                        c.get("challenge").asString(), c.get("difficulty").asInt()) + "\"";
    }

    private static Http.Reply post(String server, String commune, String answer, String device) {
        return Http.postJson(
                server + "/ntm/survey/" + commune + "/responses",
                "{" + answer + ",\"device\":\"" + device + "\",\"overall\":4}");
    }
}
