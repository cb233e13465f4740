package org.ruralatlas.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import org.ruralatlas.data.testing.TestDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Downloads from PostGIS; another program writes straight into the table. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PostgisDownloadTest extends DownloadContract {

    private static String database;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        database = TestDatabase.withSample("downloads");
        registry.add("ruralatlas.db.url", () -> database);
        String cache = java.nio.file.Files.createTempDirectory("ruralatlas-pg-downloads")
                .toString();
        registry.add("ruralatlas.downloads.cache-dir", () -> cache);
        registry.add("ruralatlas.downloads.burst", () -> "100000");
        registry.add("ruralatlas.admin.token", () -> Http.ADMIN_TOKEN);
    }

    @Override
    void writeFromOutside(String layer, String idColumn, String id, String column, String suffix) throws Exception {
        try (Connection c = TestDatabase.dataSource(database).getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE ruralatlas." + layer + " SET " + column + " = "
                        + column + " || ? WHERE " + idColumn + " = ?")) {
            s.setString(1, suffix);
            s.setString(2, id);
            s.executeUpdate();
        }
    }
}
