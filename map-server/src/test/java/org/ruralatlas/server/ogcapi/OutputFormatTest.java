package org.ruralatlas.server.ogcapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ruralatlas.server.error.ApiException;
import org.springframework.mock.web.MockHttpServletRequest;

/** The one content negotiation: f first, then Accept by q-value, among the formats a resource offers; JSON otherwise. */
class OutputFormatTest {

    private static MockHttpServletRequest request(String f, String accept) {
        MockHttpServletRequest r = new MockHttpServletRequest("GET", "/stats/ntm");
        if (!f.isEmpty()) {
            r.setParameter("f", f);
        }
        if (!accept.isEmpty()) {
            r.addHeader("Accept", accept);
        }
        return r;
    }

    @ParameterizedTest(name = "f={0}, Accept: {1} → pages {2}, statistics {3}, survey {4}")
    @CsvSource(
            delimiter = '|',
            value = {
                "     |                                    | JSON | JSON | JSON",
                "json | text/html                          | JSON | JSON | JSON",
                "html | application/json                   | HTML | HTML | ",
                "csv  |                                    |      | CSV  | CSV",
                "geojson |                                 | JSON | JSON | JSON",
                "     | text/html,application/xhtml+xml,*/*;q=0.8 | HTML | HTML | JSON",
                "     | text/csv                           | JSON | CSV  | CSV",
                "     | text/csv;q=0.5, application/json   | JSON | JSON | JSON",
                "     | application/json;q=0.5, text/csv   | JSON | CSV  | CSV",
                "     | TEXT/CSV                           | JSON | CSV  | CSV",
                "     | */*                                | JSON | JSON | JSON",
                "     | image/png                          | JSON | JSON | JSON",
                "     | ;;;                                | JSON | JSON | JSON",
                "xml  |                                    |      |      | ",
            })
    void fWinsThenAcceptByQualityAmongWhatIsOffered(
            String f, String accept, OutputFormat page, OutputFormat stats, OutputFormat survey) {
        String ff = f == null ? "" : f;
        String a = accept == null ? "" : accept;
        check(() -> OutputFormat.of(request(ff, a)), page);
        check(() -> OutputFormat.of(request(ff, a), OutputFormat.JSON, OutputFormat.CSV, OutputFormat.HTML), stats);
        check(() -> OutputFormat.of(request(ff, a), OutputFormat.JSON, OutputFormat.CSV), survey);
    }

    private static void check(java.util.function.Supplier<OutputFormat> chosen, OutputFormat expected) {
        if (expected == null) {
            assertThatThrownBy(chosen::get).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.parameter()).isEqualTo("f");
                assertThat(e.getMessage()).startsWith("f takes json");
            });
        } else {
            assertThat(chosen.get()).isEqualTo(expected);
        }
    }
}
