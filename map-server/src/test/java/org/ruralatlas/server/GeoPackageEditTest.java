package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruralatlas.data.account.AccountStore;
import org.ruralatlas.data.sample.SampleData;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.geopackage.GeoPackageFeatureStore;
import org.ruralatlas.data.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Accounts, browser sign-in, edits and the audit on the embedded GeoPackage (accounts in the SQLite file beside it). */
@IntegrationTest
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ruralatlas.admin.token=" + Http.ADMIN_TOKEN,
            "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1"
        })
class GeoPackageEditTest implements RecordEditContract, SignInContract {

    @LocalServerPort
    int port;

    @Autowired
    AccountStore accounts;

    @Autowired
    FeatureStore store;

    @TempDir
    Path dir;

    @Override
    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public AccountStore accounts() {
        return accounts;
    }

    @Override
    public void rewriteAudit() throws Exception {
        Path file = store.as(GeoPackageFeatureStore.class).orElseThrow().file();
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            c.createStatement().executeUpdate("UPDATE ruralatlas_revisions SET actor = 'someone else'");
        }
    }

    @Override
    public void failCommuneWrites(String unitId, boolean fail) throws Exception {
        Path file = store.as(GeoPackageFeatureStore.class).orElseThrow().file();
        try (Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            c.createStatement().execute("PRAGMA busy_timeout = 10000");
            c.createStatement().execute("DROP TRIGGER IF EXISTS test_fail_commune");
            if (fail) {
                c.createStatement()
                        .execute("CREATE TRIGGER test_fail_commune BEFORE UPDATE ON communes WHEN NEW.unit_id = '"
                                + unitId.replace("'", "''") + "' BEGIN SELECT RAISE(ABORT, 'forced failure'); END");
            }
        }
    }

    /** The first administrator comes from the command line, into the store a server with the same settings reads. */
    @Test
    void theCommandLineAddsTheFirstAdministratorAndPrintsItsTokenOnce() throws Exception {
        Path gpkg = SampleData.copyTo(dir.resolve("atlas.gpkg"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CommandLine.run(
                new String[] {
                    "account",
                    "add",
                    "--editor",
                    "bac-ninh",
                    "--provinces",
                    "24,26",
                    "--ruralatlas.geopackage.path=" + gpkg
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String token = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(token).startsWith("ra_");
        Path file = gpkg.resolveSibling("atlas.gpkg.accounts.sqlite");
        assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).doesNotContain(token.substring(3));
        try (AccountStore kept = AccountStore.sqlite(file)) {
            assertThat(kept.authenticate(token).orElseThrow().provinces()).containsExactly("24", "26");
        }
        // a password for signing in to the viewer: printed once, kept as a bcrypt hash
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        assertThat(CommandLine.run(
                        new String[] {"account", "password", "bac-ninh", "--ruralatlas.geopackage.path=" + gpkg},
                        new PrintStream(printed, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)))
                .as(err.toString(StandardCharsets.UTF_8))
                .isZero();
        String password = printed.toString(StandardCharsets.UTF_8).strip();
        assertThat(password).hasSize(20);
        assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).doesNotContain(password);
        try (AccountStore kept = AccountStore.sqlite(file)) {
            assertThat(new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder()
                            .matches(password, kept.passwordHash("bac-ninh").orElseThrow()))
                    .isTrue();
        }
        int again = CommandLine.run(
                new String[] {
                    "account",
                    "add",
                    "--editor",
                    "bac-ninh",
                    "--provinces",
                    "24",
                    "--ruralatlas.geopackage.path=" + gpkg
                },
                new PrintStream(out, true),
                new PrintStream(err, true));
        assertThat(again).isEqualTo(1);
        ByteArrayOutputStream none = new ByteArrayOutputStream();
        assertThat(CommandLine.run(
                        new String[] {"account", "add", "--admin", "root"},
                        new PrintStream(none, true),
                        new PrintStream(err, true)))
                .as("the sample's temporary copy keeps no account")
                .isEqualTo(2);
    }
}
