package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.testing.IntegrationTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Fair use: a client beyond its download allowance gets 429; exports beyond the maximum wait their turn. */
@IntegrationTest
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ruralatlas.downloads.burst=6",
            "ruralatlas.downloads.requests-per-minute=1",
            "ruralatlas.downloads.max-concurrent-exports=1"
        })
class DownloadFairUseTest {

    @LocalServerPort
    int port;

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void exportsBeyondTheMaximumQueueThenTheClientIsRateLimited() throws Exception {
        // six filtered exports at once with one export slot: all are served, one after the other
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Http.BinaryReply>> replies = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                String path = i % 2 == 0
                        ? "/downloads/farms.fgb?owner_type=household"
                        : "/downloads/farms.geojson?sample=true";
                replies.add(pool.submit(() -> Http.bytes(url(path))));
            }
            for (Future<Http.BinaryReply> r : replies) {
                assertThat(r.get().status()).isEqualTo(200);
                assertThat(r.get().body().length).isGreaterThan(1000);
            }
        } finally {
            pool.shutdownNow();
        }
        // the allowance of six is spent: the seventh download is refused, and says when to come back
        Http.Reply refused = Http.get(url("/downloads/farms.csv"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(refused.json().get("detail").asString()).contains("rate limit");
        // catalogues are not counted
        assertThat(Http.get(url("/downloads")).status()).isEqualTo(200);
        assertThat(Http.get(url("/data.json")).status()).isEqualTo(200);
    }
}
