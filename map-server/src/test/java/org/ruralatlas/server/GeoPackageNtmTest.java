package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.geopackage.GeoPackageFeatureStore;
import org.ruralatlas.data.store.geopackage.GeoPackageSqlFunctions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The NTM features on the embedded GeoPackage (survey responses in a SQLite file beside it). */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ruralatlas.surveys.difficulty=8",
            "ruralatlas.surveys.per-ip-per-hour=5",
            "ruralatlas.surveys.trusted-proxies=127.0.0.1",
            "ruralatlas.admin.token=" + Http.ADMIN_TOKEN
        })
class GeoPackageNtmTest extends NtmContract {

    @Autowired
    FeatureStore store;

    @Override
    void refuseSatisfactionUpdates(boolean refuse) throws Exception {
        storeSql(
                refuse
                        ? "CREATE TRIGGER test_refuse_satisfaction BEFORE UPDATE OF satisfaction_pct ON communes "
                                + "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
                        : "DROP TRIGGER test_refuse_satisfaction");
    }

    @Override
    void storeSql(String statement) throws Exception {
        String file = store.as(GeoPackageFeatureStore.class)
                .orElseThrow()
                .file()
                .toAbsolutePath()
                .toString();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            GeoPackageSqlFunctions.register(c);
            s.execute(statement);
        }
    }

    /**
     * A reader in the middle of the communes (a slow client's page or download, QGIS) neither
     * holds back a survey response, which writes the commune's satisfaction_pct, nor is held back
     * by it: with a rollback journal the writer waited for the reader and then failed (503).
     */
    @Test
    void aSlowReaderDoesNotHoldBackAResponseNorTheMap() throws Exception {
        String commune = rural(7);
        String file = store.as(GeoPackageFeatureStore.class)
                .orElseThrow()
                .file()
                .toAbsolutePath()
                .toString();
        try (Connection reader = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            reader.setAutoCommit(false);
            try (Statement s = reader.createStatement();
                    ResultSet rs = s.executeQuery("SELECT code, satisfaction_pct FROM communes")) {
                assertThat(rs.next()).isTrue(); // a read transaction is open on the GeoPackage
                assertThat(respond(commune, "10.7.0.1", "slow-reader-device-01", 5)
                                .status())
                        .isEqualTo(201);
                assertThat(json("/collections/communes/items?code=" + commune)
                                .get("features")
                                .get(0)
                                .get("properties")
                                .get("satisfaction_pct")
                                .asDouble())
                        .isEqualTo(100.0);
            }
            reader.rollback();
        }
    }
}
