package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.testing.IntegrationTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A server as deployed behind a reverse proxy: its public URL configured, the proxy (here the
 * loopback) trusted for forwarded headers, administration off, and one data request at a time.
 */
@IntegrationTest
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ruralatlas.public-url=https://atlas.example.org/ruralatlas/",
                    "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1",
            "ruralatlas.flow.max-concurrent=1", "ruralatlas.flow.queue-timeout=300ms"
        })
class EdgeConfigurationTest {

    static final String PUBLIC = "https://atlas.example.org/ruralatlas";

    @LocalServerPort
    int port;

    @Test
    void linksComeFromThePublicUrlWhateverHostOrForwardedHeadersSay() {
        try (RawHttp http = new RawHttp(port)) {
            List<RawHttp.Reply> replies = List.of(
                    http.get("/collections/tourism/items?limit=1", "Host", "evil.example"),
                    http.get(
                            "/collections/tourism/items?limit=1",
                            "X-Forwarded-Host",
                            "evil.example",
                            "X-Forwarded-Proto",
                            "http"),
                    http.get("/collections/tourism/items?limit=1", "Forwarded", "host=evil.example;proto=http"),
                    http.get("/?f=json", "Host", "evil.example:8443"));
            for (RawHttp.Reply r : replies) {
                assertThat(r.status()).isEqualTo(200);
                List<String> hrefs = r.json().findValuesAsString("href");
                assertThat(hrefs)
                        .isNotEmpty()
                        .allSatisfy(h -> assertThat(h).doesNotContain("evil").doesNotContain("127.0.0.1"));
                assertThat(hrefs.stream().filter(h -> h.contains("/collections") || h.contains("/api")))
                        .isNotEmpty()
                        .allSatisfy(h -> assertThat(h).startsWith(PUBLIC + "/"));
            }
            JsonNode page = http.get("/collections/tourism/items?limit=1", "Host", "evil.example")
                    .json();
            assertThat(page.get("links").findValuesAsString("href"))
                    .anySatisfy(h -> assertThat(h).startsWith(PUBLIC + "/collections/tourism/items?limit=1&cursor="));
        }
    }

    @Test
    void administrationOffRefusesEveryAdminRequestWith403WhateverTheToken() {
        try (RawHttp http = new RawHttp(port)) {
            List<String> wrong = new ArrayList<>();
            for (String spelling : EdgeContract.ADMIN_SPELLINGS) {
                if (spelling.contains("%41DMIN") || spelling.contains("/ADMIN/")) {
                    continue;
                }
                for (String credentials :
                        new String[] {null, "Bearer " + Http.ADMIN_TOKEN, "bearer anything-at-all-here"}) {
                    String path = spelling.replace("X", "seed") + "?bbox=105,20,106,21&zooms=0-1";
                    RawHttp.Reply r = http.send("POST", path, "Authorization", credentials);
                    if (!(r.status() == 403 || r.status() == 400) || !r.isProblem()) {
                        wrong.add(r.status() + " " + path + " " + credentials);
                    }
                }
            }
            assertThat(wrong).isEmpty();
            for (String[] q : new String[][] {
                {"GET", "/admin/tiles/jobs"},
                {"GET", "/admin/tiles/jobs/1"},
                {"DELETE", "/admin/tiles/jobs/1"},
                {"POST", "/admin/tiles/truncate?bbox=105,20,106,21"},
                {"GET", "/actuator/metrics"},
                {"GET", "/actuator/info"}
            }) {
                RawHttp.Reply r = http.send(q[0], q[1], "Authorization", "Bearer " + Http.ADMIN_TOKEN);
                assertThat(r.status()).as(q[0] + " " + q[1]).isEqualTo(403);
                assertThat(r.header("WWW-Authenticate"))
                        .as("no token would help")
                        .isNull();
                assertThat(r.json().get("detail").asString()).contains("administration is off");
            }
            assertThat(http.get("/actuator/health").json().get("status").asString())
                    .isEqualTo("UP");
        }
    }

    /**
     * One data request holds the only turn (its answer is not read, so the server blocks writing
     * it); every spelling of another waits its turn and gets 503 with Retry-After, until the
     * first is gone.
     */
    @Test
    void everySpellingOfADataRequestTakesATurnFromTheTurnstile() throws Exception {
        try (Socket slow = new Socket();
                RawHttp http = new RawHttp(port)) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new java.net.InetSocketAddress("127.0.0.1", port));
            OutputStream out = slow.getOutputStream();
            out.write(("GET /collections/communes/items?limit=10000 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = slow.getInputStream();
            assertThat(in.read()).isEqualTo('H');
            for (String spelling : List.of(
                    "/%63ollections/farms/items?limit=1",
                    "/collections/%66arms/items?limit=1", "/collections/farms/items?limit=1")) {
                RawHttp.Reply busy = http.get(spelling);
                assertThat(busy.status()).as(spelling).isEqualTo(503);
                assertThat(busy.header("Retry-After")).isEqualTo("1");
                assertThat(busy.isProblem()).isTrue();
                assertThat(busy.json().get("detail").asString())
                        .as("refused by the turnstile")
                        .contains("busy");
            }
            slow.close();
            long end = System.nanoTime() + 10_000_000_000L;
            int status;
            do {
                status = http.get("/%63ollections/farms/items?limit=1").status();
            } while (status != 200 && System.nanoTime() < end);
            assertThat(status).isEqualTo(200);
        }
    }
}
