package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruralatlas.data.account.AccountStore;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

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

    private static String database;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        database = TestDatabase.withSample("imports");
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

    /**
     * A deadlock between an import and an outside writer: the outside transaction adds a farm at P (its cells
     * trigger holds P's cells), the import's write of farms at A (5 km west: earlier in the cells' order) and P
     * holds A's z8 cell and waits for P's, then the outside transaction adds a farm at A. PostgreSQL ends the
     * import's statement (its deadlock check comes first); it is tried again from its savepoint once the outside
     * transaction commits, and the import succeeds with every row, not a failed job.
     */
    @Test
    void anImportEndedByADeadlockWithAnOutsideWriterIsTriedAgain() throws Exception {
        double[] p = near24();
        double[] a = {p[0] - 0.05, p[1]};
        String file = "{\"type\":\"FeatureCollection\",\"features\":[" + farm("deadlock-import-a", a) + ","
                + farm("deadlock-import-p", p) + "]}";
        javax.sql.DataSource data = TestDatabase.dataSource(database);
        try (Connection outside = data.getConnection();
                Statement s = outside.createStatement()) {
            outside.setAutoCommit(false);
            s.execute("SET LOCAL deadlock_timeout = '60s'");
            s.executeUpdate(outsideFarm("deadlock-outside-p", p));
            Http.Reply started = post(
                    "", file.getBytes(StandardCharsets.UTF_8), "Bearer " + Http.ADMIN_TOKEN, "application/geo+json");
            assertThat(started.status()).as(started.text()).isEqualTo(202);
            TestDatabase.awaitALockWait(data);
            // waits for the import's cell at A until PostgreSQL ends the import's statement (deadlock_timeout, 1 s)
            s.executeUpdate(outsideFarm("deadlock-outside-a", a));
            outside.commit();
            JsonNode job = finished(started, "Bearer " + Http.ADMIN_TOKEN);
            assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
        }
        for (String id :
                List.of("deadlock-import-a", "deadlock-import-p", "deadlock-outside-a", "deadlock-outside-p")) {
            assertThat(Http.get(url("/collections/farms/items/" + id)).status())
                    .as(id)
                    .isEqualTo(200);
        }
    }

    /**
     * Another writer commits a farm with an id of the file after the import counted the ids that exist (its
     * transaction was open then, so the row was not visible): the import's write meets the key, and the import is
     * rejected naming that id, as for an id that existed before, with nothing written; not a failed job quoting
     * the primary key's constraint.
     */
    @Test
    void anIdTakenAfterTheImportCountedTheIdsIsReportedAsAConflict() throws Exception {
        double[] p = near24();
        String file = "{\"type\":\"FeatureCollection\",\"features\":[" + farm("race-import-x", p) + ","
                + farm("race-import-y", new double[] {p[0] + 1e-4, p[1]}) + "]}";
        javax.sql.DataSource data = TestDatabase.dataSource(database);
        JsonNode job;
        try (Connection outside = data.getConnection();
                Statement s = outside.createStatement()) {
            outside.setAutoCommit(false);
            s.executeUpdate(outsideFarm("race-import-x", p));
            Http.Reply started = post(
                    "", file.getBytes(StandardCharsets.UTF_8), "Bearer " + Http.ADMIN_TOKEN, "application/geo+json");
            assertThat(started.status()).as(started.text()).isEqualTo(202);
            // the import's write waits for the outside transaction's key
            TestDatabase.awaitALockWait(data);
            outside.commit();
            job = finished(started, "Bearer " + Http.ADMIN_TOKEN);
        }
        assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("rejected");
        assertThat(job.get("report").get("written").asBoolean()).isFalse();
        assertThat(job.get("report").toString()).contains("race-import-x").contains("exists already");
        assertThat(job.toString()).doesNotContain("farms_pkey", "duplicate key");
        assertThat(Http.get(url("/collections/farms/items/race-import-y")).status())
                .as("nothing written")
                .isEqualTo(404);
        assertThat(Http.get(url("/collections/farms/items/race-import-x"))
                        .json()
                        .get("properties")
                        .get("name")
                        .asString())
                .as("the other writer's farm")
                .isEqualTo("Trại race-import-x");
    }

    private static String farm(String id, double[] at) {
        return String.format(
                Locale.ROOT,
                "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.7f,%.7f]},"
                        + "\"properties\":{\"farm_id\":\"%s\",\"name\":\"Trại %s\",\"owner_type\":\"household\","
                        + "\"province_code\":\"24\"}}",
                at[0],
                at[1],
                id,
                id);
    }

    private static String outsideFarm(String id, double[] at) {
        return String.format(
                Locale.ROOT,
                "INSERT INTO ruralatlas.farms (farm_id, name, owner_type, province_code, geom) VALUES ('%s', 'Trại %s',"
                        + " 'household', '24', ST_SetSRID(ST_MakePoint(%.7f, %.7f), 4326))",
                id,
                id,
                at[0],
                at[1]);
    }
}
