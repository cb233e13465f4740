package org.ruralatlas.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.geopackage.GeoPackageFeatureStore;
import org.ruralatlas.data.store.geopackage.GeoPackageSqlFunctions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The NTM features on the embedded GeoPackage (survey responses in a SQLite file beside it). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "ruralatlas.surveys.difficulty=8", "ruralatlas.surveys.per-ip-per-hour=5", "ruralatlas.surveys.trusted-proxies=127.0.0.1"})
class GeoPackageNtmTest extends NtmContract {

    @Autowired
    FeatureStore store;

    @Override
    void refuseSatisfactionUpdates(boolean refuse) throws Exception {
        storeSql(refuse ? "CREATE TRIGGER test_refuse_satisfaction BEFORE UPDATE OF satisfaction_pct ON communes "
                + "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END" : "DROP TRIGGER test_refuse_satisfaction");
    }

    @Override
    void storeSql(String statement) throws Exception {
        String file = ((GeoPackageFeatureStore) store).file().toAbsolutePath().toString();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            GeoPackageSqlFunctions.register(c);
            s.execute(statement);
        }
    }
}
