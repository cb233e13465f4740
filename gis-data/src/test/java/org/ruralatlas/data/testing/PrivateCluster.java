package org.ruralatlas.data.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ruralatlas.data.io.ScratchFolder;

/**
 * A PostgreSQL cluster of a test's own, for what the shared cluster of {@code scripts/test.sh}
 * must not be put through: stopped and started again under load, or asking for a password
 * (local socket trusted, TCP connections by scram-sha-256, user {@code postgres} with
 * {@link #PASSWORD}). Run as the {@code postgres} user when the tests run as root, as
 * {@code scripts/test.sh} does; deleted with everything in it when closed. {@link #standby} makes a
 * streaming standby of it ({@code pg_basebackup -R}), a cluster of its own in the same way.
 */
public final class PrivateCluster implements AutoCloseable {

    public static final String PASSWORD = "cluster-secret";

    private final ScratchFolder folder = new ScratchFolder("ruralatlas-cluster-");
    private final Path bin;
    private final Path data;
    private final int port;

    /** A new cluster: {@code initdb} when {@code primary} is null, else a base backup of it that streams from it. */
    private PrivateCluster(PrivateCluster primary) throws IOException {
        this.bin = Path.of(System.getenv().getOrDefault("RURALATLAS_PG_BIN", "/usr/lib/postgresql/15/bin"));
        if (!Files.isExecutable(bin.resolve("initdb"))) {
            throw new IllegalStateException("no PostgreSQL binaries at " + bin
                    + " (scripts/test.sh installs postgresql-15; " + "or set RURALATLAS_PG_BIN)");
        }
        Path dir = folder.path();
        this.data = dir.resolve("data");
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            this.port = s.getLocalPort();
        }
        if (root()) {
            if (!Files.getPosixFilePermissions(dir.getParent()).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IllegalStateException(
                        "the postgres user cannot enter " + dir.getParent() + " (java.io.tmpdir)");
            }
            Files.setPosixFilePermissions(
                    dir,
                    java.util.EnumSet.of(
                            PosixFilePermission.OWNER_READ,
                            PosixFilePermission.OWNER_WRITE,
                            PosixFilePermission.OWNER_EXECUTE,
                            PosixFilePermission.OTHERS_EXECUTE,
                            PosixFilePermission.OTHERS_READ));
            run("chown", "postgres", dir.toString());
        }
        if (primary != null) {
            // through the primary's socket (local replication is trusted); -R: standby.signal and primary_conninfo
            asPostgres(
                    bin.resolve("pg_basebackup").toString(),
                    "-D",
                    data.toString(),
                    "-R",
                    "-X",
                    "stream",
                    "--checkpoint=fast",
                    "--no-sync",
                    "-h",
                    primary.data.getParent().toString(),
                    "-p",
                    String.valueOf(primary.port),
                    "-U",
                    "postgres");
            return;
        }
        Path pw = dir.resolve("pw");
        Files.writeString(pw, PASSWORD + "\n", StandardCharsets.UTF_8);
        if (root()) {
            run("chown", "postgres", pw.toString());
        }
        asPostgres(
                bin.resolve("initdb").toString(),
                "-D",
                data.toString(),
                "-U",
                "postgres",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "--pwfile=" + pw,
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync");
    }

    /** A new cluster, started. */
    public static PrivateCluster start() {
        TestDatabase.requireIntegrationRun("a PostgreSQL cluster");
        try {
            PrivateCluster c = new PrivateCluster(null);
            c.restart();
            return c;
        } catch (IOException e) {
            throw new IllegalStateException("cannot make a private PostgreSQL cluster: " + e.getMessage(), e);
        }
    }

    /**
     * A hot standby of this cluster, started: a base backup taken now ({@code pg_basebackup -R -X
     * stream}) that then streams this cluster's WAL and answers read-only queries on a port of its
     * own, with the same databases, users and passwords. Close it before this cluster.
     */
    public PrivateCluster standby() {
        try {
            PrivateCluster c = new PrivateCluster(this);
            c.restart();
            return c;
        } catch (IOException e) {
            throw new IllegalStateException("cannot make a standby: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of {@code database}, without credentials. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A new database (with PostGIS when asked); its URL carries user and password. */
    public String createDatabase(String name, boolean postgis) {
        try (Connection c = DriverManager.getConnection(url("postgres"), "postgres", PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        String url = url(name) + "?user=postgres&password=" + PASSWORD;
        if (postgis) {
            try (Connection c = DriverManager.getConnection(url);
                    Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION postgis");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return url;
    }

    /** Stops the server as an administrator would ({@code pg_ctl stop -m fast}): sessions are ended, connections refused. */
    public void stop() {
        asPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop");
    }

    /** Starts the server; returns once it accepts connections. */
    public void restart() {
        asPostgres(
                bin.resolve("pg_ctl").toString(),
                "-D",
                data.toString(),
                "-l",
                data.resolveSibling("server.log").toString(),
                "-w",
                "-t",
                "60",
                "-o",
                "-p " + port + " -k " + data.getParent() + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c synchronous_commit=off -c full_page_writes=off",
                "start");
    }

    @Override
    public void close() {
        try {
            asPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop");
        } catch (IllegalStateException e) {
            // already stopped
        }
        folder.close();
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void asPostgres(String... command) {
        List<String> c = new ArrayList<>();
        if (root()) {
            c.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        c.addAll(List.of(command));
        run(c.toArray(String[]::new));
    }

    private static void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(
                        String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
