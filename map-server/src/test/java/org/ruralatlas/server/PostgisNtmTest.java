package org.ruralatlas.server;

import java.sql.Connection;
import java.sql.Statement;
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
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ruralatlas.surveys.difficulty=8",
            "ruralatlas.surveys.per-ip-per-hour=5",
            "ruralatlas.surveys.trusted-proxies=127.0.0.1",
            "ruralatlas.admin.token=" + Http.ADMIN_TOKEN
        })
class PostgisNtmTest extends NtmContract {

    private static String database;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        database = TestDatabase.withSample("ntm");
        registry.add("ruralatlas.db.url", () -> database);
    }

    @Override
    void refuseSatisfactionUpdates(boolean refuse) throws Exception {
        if (refuse) {
            storeSql(
                    "CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$");
            storeSql("CREATE TRIGGER test_refuse_satisfaction BEFORE UPDATE OF satisfaction_pct ON communes "
                    + "FOR EACH ROW EXECUTE FUNCTION test_refuse()");
        } else {
            storeSql("DROP TRIGGER test_refuse_satisfaction ON communes");
            storeSql("DROP FUNCTION test_refuse()");
        }
    }

    @Override
    void storeSql(String statement) throws Exception {
        try (Connection c = TestDatabase.dataSource(database).getConnection();
                Statement s = c.createStatement()) {
            s.execute("SET search_path TO ruralatlas, public");
            s.execute(statement);
            s.execute("RESET search_path");
        }
    }
}
