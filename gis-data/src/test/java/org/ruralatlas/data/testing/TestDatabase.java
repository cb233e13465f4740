package org.ruralatlas.data.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The throwaway PostGIS cluster that {@code scripts/test.sh} starts. Tests that need PostGIS
 * fail (never skip) when it is not there: the suite's claim is that it ran against real PostGIS.
 */
public final class TestDatabase {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestDatabase() {}

    /** The JDBC URL of the cluster's maintenance database, as scripts/test.sh exports it. */
    public static String adminUrl() {
        requireIntegrationRun("PostgreSQL");
        String url = System.getProperty("ruralatlas.test.db.url", System.getenv("RURALATLAS_TEST_DB_URL"));
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException("no PostGIS test database: run the tests with scripts/test.sh, "
                    + "which starts one (or set RURALATLAS_TEST_DB_URL to a jdbc:postgresql: URL of a superuser)");
        }
        return url;
    }

    /**
     * Fails a test that reaches a real part (PostgreSQL here, GDAL through FlatGeobufWriterTest.gdal)
     * from the quick run ({@code ./mvnw test}, where Surefire sets {@code ruralatlas.test.run=unit}):
     * its class must be an {@link IntegrationTest}, or {@code ./mvnw test} would need that part again.
     */
    public static void requireIntegrationRun(String part) {
        if ("unit".equals(System.getProperty("ruralatlas.test.run"))) {
            throw new IllegalStateException("this test uses " + part + " but runs in ./mvnw test: annotate its class "
                    + "(or its abstract contract class) with @" + IntegrationTest.class.getName());
        }
    }

    /** A new, empty database in the cluster; with the PostGIS extension when {@code postgis}. */
    public static String freshDatabase(String prefix, boolean postgis) {
        return freshDatabase(prefix, postgis, "");
    }

    /** A new database created with {@code options} (SQL of CREATE DATABASE, e.g. a collation). */
    static String freshDatabase(String prefix, boolean postgis, String options) {
        String name = prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        String admin = adminUrl();
        try (Connection c = DriverManager.getConnection(admin);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " " + options);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        String url = withDatabase(admin, name);
        if (postgis) {
            try (Connection c = DriverManager.getConnection(url);
                    Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION postgis");
            } catch (SQLException e) {
                throw new IllegalStateException("PostGIS is not installed in the test cluster: " + e.getMessage(), e);
            }
        }
        return url;
    }

    /**
     * A new PostGIS database with the bundled sample loaded by the loader CLI, as a user would: a
     * copy ({@code CREATE DATABASE … TEMPLATE}, a file copy of a tenth of a load's time) of one
     * database loaded so once per test JVM, which nothing connects to after that.
     */
    public static String withSample(String prefix) {
        return freshDatabase(prefix, false, "TEMPLATE " + sampleTemplate());
    }

    private static String sampleTemplate;

    private static synchronized String sampleTemplate() {
        if (sampleTemplate == null) {
            String url = load(freshDatabase("sampletemplate", true));
            String name = url.replaceFirst("^jdbc:postgresql://[^/]+/([^?]*).*$", "$1");
            try (Connection c = DriverManager.getConnection(adminUrl());
                    Statement s = c.createStatement()) {
                s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
                // the loader's connections are closed; whatever lingers would stop the copies
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot make " + name + " a template: " + e.getMessage(), e);
            }
            sampleTemplate = name;
        }
        return sampleTemplate;
    }

    private static String load(String url) {
        if (org.ruralatlas.data.load.LoadCommand.run(new String[] {"--db-url=" + url}) != 0) {
            throw new IllegalStateException("loading the sample into " + url + " failed");
        }
        return url;
    }

    private static String sharedSample;

    /**
     * One PostGIS database with the sample, loaded once per test JVM, for tests that only read
     * (loading takes a minute). Its default collation is Vietnamese (ICU vi-VN), as a database in
     * Vietnam may well have, unlike the cluster's C.UTF-8: whatever orders texts by code point in
     * it does so whatever the database's collation. {@code -Druralatlas.test.sample.db.url=…}
     * names a database where the sample is already loaded, to run such a test again and again
     * while working on it.
     */
    public static synchronized String sharedSample() {
        if (sharedSample == null) {
            String given = System.getProperty("ruralatlas.test.sample.db.url");
            sharedSample = given != null && !given.isBlank()
                    ? given
                    : load(freshDatabase("shared", true, "TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'vi-VN'"));
        }
        return sharedSample;
    }

    public static DataSource dataSource(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url);
        return ds;
    }

    /**
     * Waits (at most five seconds) until a session of {@code data}'s database waits for a lock: the moment a
     * concurrency test's second writer is blocked by its first.
     */
    public static void awaitALockWait(DataSource data) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        try (Connection c = data.getConnection();
                Statement s = c.createStatement()) {
            while (true) {
                try (java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname ="
                        + " current_database() AND wait_event_type = 'Lock'")) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no writer waited for a lock within 5 s");
                }
                Thread.sleep(20);
            }
        }
    }

    static String withDatabase(String url, String database) {
        return url.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
    }
}
