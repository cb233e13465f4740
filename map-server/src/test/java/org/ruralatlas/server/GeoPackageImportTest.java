package org.ruralatlas.server;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.ruralatlas.data.account.AccountStore;
import org.ruralatlas.data.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Imports into the embedded GeoPackage (its revisions table written in the import's transaction). */
@IntegrationTest
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ruralatlas.admin.token=" + Http.ADMIN_TOKEN, ImportContract.LIMITS, ImportContract.ZIP_LIMITS})
class GeoPackageImportTest implements ImportContract {

    @LocalServerPort
    int port;

    @Autowired
    AccountStore accounts;

    @TempDir
    static Path dir;

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
