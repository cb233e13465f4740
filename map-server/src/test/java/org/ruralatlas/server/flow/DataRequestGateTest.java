package org.ruralatlas.server.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;

/** The admission turnstile decides on the path as routing sees it: every spelling of a data request queues. */
class DataRequestGateTest {

    final DataRequestGate gate = new DataRequestGate(new FlowProperties(1, Duration.ofMillis(100)));

    @ParameterizedTest
    @CsvSource({"GET,/collections/farms/items,true", "GET,/%63ollections/farms/items,true", "GET,/collections/farm%73/items,true",
        "GET,/COLLECTIONS/farms/items,false", "HEAD,/%63ollections/farms,true", "GET,/collections/farms,true",
        "GET,/collections,false", "GET,/collections/farms/tiles/WebMercatorQuad/5/14/25,false",
        "GET,/collections/farms/%74iles/WebMercatorQuad/5/14/25,false", "POST,/collections/farms/items,false",
        "GET,/downloads/farms.csv,false"})
    void queuesEverySpellingOfADataRequest(String method, String uri, boolean queued) {
        assertThat(gate.shouldNotFilter(new MockHttpServletRequest(method, uri))).isEqualTo(!queued);
    }
}
