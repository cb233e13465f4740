package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruralatlas.data.load.LoadCommand;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.PrivateCluster;
import org.ruralatlas.data.testing.TestDatabase;

/**
 * The jar as a new user meets it (issue 12, finding 11): bad configuration stops the server with
 * one clear line and a non-zero exit code, no stack trace; a database that cannot be reached is
 * said in the driver's words within two seconds of trying; a mistyped command prints the usage;
 * a start leaves no temporary folder behind and finds its tile folder again.
 */
@IntegrationTest
class StartupFailureTest {

    @TempDir
    Path dir;

    /** A line of output and when it arrived (ms after the process started). */
    private record Line(long ms, String text) {}

    private record Outcome(int exitCode, List<Line> lines) {
        String output() {
            return String.join("\n", lines.stream().map(Line::text).toList());
        }

        String lastLine() {
            List<Line> nonBlank =
                    lines.stream().filter(l -> !l.text().isBlank()).toList();
            return nonBlank.isEmpty() ? "" : nonBlank.get(nonBlank.size() - 1).text();
        }

        /** When the first line containing {@code text} arrived. */
        long at(String text) {
            return lines.stream()
                    .filter(l -> l.text().contains(text))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no line with '" + text + "' in:\n" + output()))
                    .ms();
        }
    }

    /** The jar's main in a JVM of its own with the tests' temporary folder; stopped (SIGTERM) once a line holds {@code stopAt}. */
    private Outcome run(Path workingDir, String stopAt, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                // a start that fails or is stopped at once: the quick compiler and one GC thread do it in less time
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + dir.resolve("tmp"),
                "-cp",
                System.getProperty("java.class.path"),
                MapServerApplication.class.getName()));
        command.addAll(List.of(args));
        Files.createDirectories(dir.resolve("tmp"));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        List<Line> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) {
                lines.add(new Line((System.nanoTime() - start) / 1_000_000, l));
                if (stopAt != null && l.contains(stopAt)) {
                    p.toHandle().destroy(); // SIGTERM, keeping the output open to read it to its end
                }
            }
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("the server did not stop in 120 s");
        }
        return new Outcome(p.exitValue(), lines);
    }

    private Outcome start(String... args) throws Exception {
        return run(
                dir,
                null,
                Stream.concat(Stream.of("--server.port=0"), Stream.of(args)).toArray(String[]::new));
    }

    private static void assertOneClearLine(Outcome o, String expected) {
        assertThat(o.exitCode()).isNotZero();
        assertThat(o.lastLine()).startsWith("RuralAtlas cannot start: ").contains(expected);
        assertThat(o.output()).doesNotContain("\tat ").doesNotContain("APPLICATION FAILED TO START");
        assertThat(o.output()
                        .lines()
                        .filter(l -> l.startsWith("RuralAtlas cannot start"))
                        .count())
                .isEqualTo(1);
    }

    /** The driver's reason, within two seconds of the server's first try (the JVM's own start aside). */
    private static void assertSaidAtOnce(Outcome o, String reason) {
        assertOneClearLine(o, reason);
        assertThat(o.at("RuralAtlas cannot start") - o.at("connecting to the PostGIS database"))
                .as("ms from trying to saying why")
                .isLessThan(2000);
    }

    @Test
    void aUrlThatIsNotPostgresql() throws Exception {
        assertOneClearLine(start("--ruralatlas.db.url=mysql://localhost/x"), "must be a PostgreSQL JDBC URL");
    }

    @Test
    void aZoneThatIsNotATm3ZoneIsNamed() throws Exception {
        assertOneClearLine(start("--ruralatlas.crs.provincial-zones=9214,3405"), "'3405' is not a VN-2000 TM-3 zone");
    }

    @Test
    void aWrongPortIsARefusedConnection() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertSaidAtOnce(
                start("--ruralatlas.db.url=jdbc:postgresql://127.0.0.1:" + port + "/ruralatlas"),
                "cannot connect to the PostGIS database: Connection to 127.0.0.1:" + port + " refused");
    }

    @Test
    void aDatabaseThatDoesNotExistIsNamed() throws Exception {
        String url = TestDatabase.adminUrl().replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1no_such_atlas");
        assertSaidAtOnce(start("--ruralatlas.db.url=" + url), "database \"no_such_atlas\" does not exist");
    }

    @Test
    void aWrongPasswordSaysAuthenticationFailed() throws Exception {
        try (PrivateCluster cluster = PrivateCluster.start()) {
            assertSaidAtOnce(
                    start(
                            "--ruralatlas.db.url=" + cluster.url("postgres"),
                            "--ruralatlas.db.user=postgres",
                            "--ruralatlas.db.password=wrong"),
                    "password authentication failed for user \"postgres\"");
        }
    }

    @Test
    void aDatabaseWithoutPostgis() throws Exception {
        assertOneClearLine(
                start("--ruralatlas.db.url=" + TestDatabase.freshDatabase("startnopostgis", false)),
                "no PostGIS extension");
    }

    @Test
    void aDatabaseWithoutTheSchemaUnlessAskedToMigrate() throws Exception {
        String url = TestDatabase.freshDatabase("startnoschema", true);
        assertOneClearLine(start("--ruralatlas.db.url=" + url), "no RuralAtlas schema yet");
        assertThat(LoadCommand.run(new String[] {"--db-url=" + url, "--migrate-only"}))
                .isZero();
    }

    @Test
    void aBadSetting() throws Exception {
        assertOneClearLine(start("--ruralatlas.db.pool-size=many"), "ruralatlas.db.pool-size");
    }

    @Test
    void aGeoPackagePathThatDoesNotExistIsRefusedUnlessAskedToCreateIt() throws Exception {
        assertOneClearLine(
                start("--ruralatlas.geopackage.path=atlas/mine.gpkg"),
                "the GeoPackage " + dir.resolve("atlas/mine.gpkg")
                        + " does not exist (check ruralatlas.geopackage.path, or add --ruralatlas.geopackage.create=true");
        assertThat(dir.resolve("atlas")).doesNotExist();
    }

    @Test
    void aRelativeGeoPackagePathThatCannotBeWrittenIsOneLine() throws Exception {
        Files.writeString(dir.resolve("blocked"), "a file, not a folder");
        assertOneClearLine(
                start("--ruralatlas.geopackage.path=blocked/mine.gpkg", "--ruralatlas.geopackage.create=true"),
                "cannot write the sample GeoPackage to " + dir.resolve("blocked/mine.gpkg"));
    }

    @Test
    void anUnwritableCacheFolderIsOneLine() throws Exception {
        Files.writeString(dir.resolve("blocked"), "a file, not a folder");
        assertOneClearLine(
                start("--ruralatlas.tiles.cache-dir=" + dir.resolve("blocked/tiles")),
                dir.resolve("blocked/tiles").toString());
    }

    @Test
    void mistypedCommandsAndOptionsPrintTheUsageAndExit2WithoutStartingAServer() throws Exception {
        for (String[] args : List.of(
                new String[] {"lod"},
                new String[] {"laod", "--db-url=jdbc:postgresql://127.0.0.1/x"},
                new String[] {"serve"},
                new String[] {"--server.port=0", "extra"},
                new String[] {"load", "--db=x"},
                new String[] {"seed", "--zoom=6-14"},
                new String[] {"truncate", "everything"})) {
            Outcome o = run(dir, null, args);
            assertThat(o.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(o.output())
                    .as(String.join(" ", args))
                    .contains("usage:")
                    .doesNotContain("Tomcat")
                    .doesNotContain("\tat ");
        }
        assertThat(run(dir, null, "lod").output())
                .startsWith("ruralatlas: unknown command 'lod'; did you mean 'load'?");
        for (String[] args :
                List.of(new String[] {"help"}, new String[] {"--help"}, new String[] {"load", "--help"}, new String[] {
                    "seed", "--help"
                })) {
            Outcome o = run(dir, null, args);
            assertThat(o.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(o.output())
                    .as(String.join(" ", args))
                    .startsWith("usage:")
                    .doesNotContain("Tomcat");
        }
    }

    @Test
    void aDefaultStartLeavesNothingTemporaryBehindAndFindsItsTileFolderAgain() throws Exception {
        String tiles = "vector tiles from the store (JTS), cached in memory";
        Outcome first = run(dir, "Started MapServerApplication", "--server.port=0");
        Outcome second = run(dir, "Started MapServerApplication", "--server.port=0");
        for (Outcome o : List.of(first, second)) {
            assertThat(o.output()).contains("Started MapServerApplication").doesNotContain("\tat ");
        }
        String folder = first.lines().stream()
                .filter(l -> l.text().contains(tiles))
                .findFirst()
                .orElseThrow()
                .text()
                .replaceAll(".* and in ", "");
        assertThat(second.output()).contains(tiles).contains(" and in " + folder);
        assertThat(folder).startsWith(dir.resolve("tmp/ruralatlas-tiles").toString());
        // what stays: the caches kept for the next start on the same data, nothing else
        try (Stream<Path> left = Files.list(dir.resolve("tmp"))) {
            assertThat(left.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("ruralatlas-downloads", "ruralatlas-tiles");
        }
        try (Stream<Path> left = Files.list(dir.resolve("tmp/ruralatlas-tiles"))) {
            assertThat(left).hasSize(1);
        }
    }
}
