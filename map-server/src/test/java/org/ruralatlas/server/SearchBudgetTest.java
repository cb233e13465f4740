package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ruralatlas.data.testing.IntegrationTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Issue 12, finding 10: the search index keeps to its memory budget. With no room at all, search
 * still answers (nothing found) and says which layers it did not search; health says the same.
 */
@IntegrationTest
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ruralatlas.search.memory-bytes=0", "ruralatlas.admin.token=" + Http.ADMIN_TOKEN})
class SearchBudgetTest {

    @LocalServerPort
    int port;

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void layersOverTheBudgetAreLeftOutAndSaidSo() {
        JsonNode all = Http.get(url("/search?q=bac+ninh")).json();
        assertThat(all.get("numberReturned").asInt()).isZero();
        assertThat(all.get("layersNotSearched").valueStream().map(JsonNode::asString))
                .containsExactly("provinces", "communes", "tourism", "zones", "farms");
        JsonNode provinces =
                Http.get(url("/search?q=bac+ninh&layers=provinces")).json();
        assertThat(provinces.get("layersNotSearched").valueStream().map(JsonNode::asString))
                .containsExactly("provinces");
        JsonNode search =
                Http.asAdmin(url("/actuator/health")).json().get("components").get("search");
        assertThat(search.get("status").asString()).isEqualTo("UP");
        assertThat(search.get("details").get("budgetBytes").asLong()).isZero();
        assertThat(search.get("details").get("layersNotSearched")).hasSize(5);
    }
}
