package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.load.LoadCommand;
import org.ruralatlas.data.testing.TestDatabase;

/** Bad configuration stops the server with one clear line and a non-zero exit code, no stack trace. */
class StartupFailureTest {

    private record Outcome(int exitCode, String output, String lastLine) {}

    private static Outcome start(String... args) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"),
                MapServerApplication.class.getName(), "--server.port=0"));
        command.addAll(List.of(args));
        Processes.Result r = Processes.run(60, command);
        List<String> lines = r.output().lines().filter(l -> !l.isBlank()).toList();
        return new Outcome(r.exitCode(), r.output(), lines.isEmpty() ? "" : lines.get(lines.size() - 1));
    }

    private static void assertOneClearLine(Outcome o, String expected) {
        assertThat(o.exitCode()).isNotZero();
        assertThat(o.lastLine()).startsWith("RuralAtlas cannot start: ").contains(expected);
        assertThat(o.output()).doesNotContain("\tat ").doesNotContain("APPLICATION FAILED TO START");
        assertThat(o.output().lines().filter(l -> l.startsWith("RuralAtlas cannot start")).count()).isEqualTo(1);
    }

    @Test
    void aUrlThatIsNotPostgresql() {
        assertOneClearLine(start("--ruralatlas.db.url=mysql://localhost/x"), "must be a PostgreSQL JDBC URL");
    }

    @Test
    void anUnreachableDatabase() {
        assertOneClearLine(start("--ruralatlas.db.url=jdbc:postgresql://127.0.0.1:1/x?connectTimeout=2"),
                "cannot connect to the PostGIS database");
    }

    @Test
    void aDatabaseWithoutPostgis() {
        assertOneClearLine(start("--ruralatlas.db.url=" + TestDatabase.freshDatabase("startnopostgis", false)),
                "no PostGIS extension");
    }

    @Test
    void aDatabaseWithoutTheSchemaUnlessAskedToMigrate() {
        String url = TestDatabase.freshDatabase("startnoschema", true);
        assertOneClearLine(start("--ruralatlas.db.url=" + url), "no RuralAtlas schema yet");
        assertThat(LoadCommand.run(new String[] {"--db-url=" + url, "--migrate-only"})).isZero();
    }

    @Test
    void aMissingGeoPackageDirectoryAndABadSetting() {
        assertOneClearLine(start("--ruralatlas.db.pool-size=many"), "ruralatlas.db.pool-size");
    }
}
