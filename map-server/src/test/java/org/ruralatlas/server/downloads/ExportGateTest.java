package org.ruralatlas.server.downloads;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

/** The export gate hands back a turn left behind by any spelling of a download. */
class ExportGateTest {

    final ExportGate gate =
            new ExportGate(new DownloadProperties(Path.of("unused"), true, 1, Duration.ofMillis(100), 30, 20));

    @ParameterizedTest
    @CsvSource({
        "/downloads/farms.csv,true",
        "/%64ownloads/farms.csv,true",
        "/downloads/%66arms.gpkg,true",
        "/downloads,true",
        "/data.json,false",
        "/collections/farms/items,false"
    })
    void watchesEverySpellingOfADownload(String uri, boolean watched) {
        assertThat(gate.shouldNotFilter(new MockHttpServletRequest("GET", uri))).isEqualTo(!watched);
    }
}
