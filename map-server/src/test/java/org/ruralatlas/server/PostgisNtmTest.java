package org.ruralatlas.server;

import org.ruralatlas.data.testing.TestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same NTM features on PostGIS, loaded with the loader CLI (survey responses in their table).
 * Its context is closed afterwards, giving its connections back to the shared test cluster.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "ruralatlas.surveys.difficulty=8", "ruralatlas.surveys.per-ip-per-hour=5", "ruralatlas.surveys.trusted-proxies=127.0.0.1"})
class PostgisNtmTest extends NtmContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String database = TestDatabase.withSample("ntm");
        registry.add("ruralatlas.db.url", () -> database);
    }
}
