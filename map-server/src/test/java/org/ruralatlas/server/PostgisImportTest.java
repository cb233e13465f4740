package org.ruralatlas.server;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.ruralatlas.data.account.AccountStore;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Imports into PostGIS (COPY into a staging table, one INSERT … SELECT audited by the layer's triggers). */
@IntegrationTest
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {ImportContract.LIMITS, ImportContract.ZIP_LIMITS})
class PostgisImportTest implements ImportContract {

    @LocalServerPort
    int port;

    @Autowired
    AccountStore accounts;

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String database = TestDatabase.withSample("imports");
        registry.add("ruralatlas.db.url", () -> database);
        registry.add("ruralatlas.admin.token", () -> Http.ADMIN_TOKEN);
    }

    @Override
    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public AccountStore accounts() {
        return accounts;
    }

    @Override
    public Path folder() {
        return dir;
    }
}
