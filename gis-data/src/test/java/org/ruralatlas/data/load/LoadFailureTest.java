package org.ruralatlas.data.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.PrivateCluster;
import org.ruralatlas.data.testing.TestDatabase;

/**
 * Issue 12, finding 11: {@code load} says the database's own reason in one line, at once, for the
 * mistakes a new user makes: a wrong port, a database that does not exist, a wrong password, and
 * a database whose owner may not create the PostGIS extension.
 */
@IntegrationTest
class LoadFailureTest {

    private record Outcome(int code, String err, long millis) {}

    private static Outcome load(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = LoadCommand.run(args);
        } finally {
            System.setErr(saved);
        }
        return new Outcome(code, err.toString(StandardCharsets.UTF_8), (System.nanoTime() - start) / 1_000_000);
    }

    private static void assertOneLineAtOnce(Outcome o, String reason) {
        assertThat(o.code()).isEqualTo(1);
        // (the tests' logger writes Flyway's own log lines to standard error too; the jar's goes to standard output)
        assertThat(o.err().lines().filter(l -> l.startsWith("load: ")).toList())
                .hasSize(1)
                .first()
                .asString()
                .contains(reason);
        assertThat(o.err()).doesNotContain("\tat ");
        assertThat(o.millis()).as("ms to say so").isLessThan(2000);
    }

    @Test
    void aWrongPortSaysTheConnectionIsRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertOneLineAtOnce(
                load("--db-url=jdbc:postgresql://127.0.0.1:" + port + "/ruralatlas"),
                "Connection to 127.0.0.1:" + port + " refused");
    }

    @Test
    void aDatabaseThatDoesNotExistIsNamed() {
        String url = TestDatabase.adminUrl().replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1no_such_atlas");
        assertOneLineAtOnce(load("--db-url=" + url), "database \"no_such_atlas\" does not exist");
    }

    @Test
    void aWrongPasswordSaysAuthenticationFailed() {
        try (PrivateCluster cluster = PrivateCluster.start()) {
            assertOneLineAtOnce(
                    load("--db-url=" + cluster.url("postgres"), "--db-user=postgres", "--db-password=wrong"),
                    "password authentication failed for user \"postgres\"");
        }
    }

    @Test
    void anOwnerWhoMayNotCreateTheExtensionIsToldSoNotWhichScriptFailed() throws Exception {
        String database = "load_no_postgis_" + ProcessHandle.current().pid();
        try (Connection c = DriverManager.getConnection(TestDatabase.adminUrl());
                Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN CREATE ROLE atlas_loader LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$");
            s.execute("CREATE DATABASE " + database + " OWNER atlas_loader");
        }
        String url = TestDatabase.adminUrl()
                .replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database)
                .replaceFirst("user=postgres", "user=atlas_loader");
        Outcome o = load("--db-url=" + url);
        assertOneLineAtOnce(o, "permission denied to create extension \"postgis\"");
        assertThat(o.err()).doesNotContain("V1__layers.sql").contains("superuser");
    }
}
