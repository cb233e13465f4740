package org.ruralatlas.data.store.geopackage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruralatlas.data.change.ChangeFeed;
import org.ruralatlas.data.sample.SampleData;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.FeatureStoreContract;
import org.ruralatlas.data.store.FeatureStoreException;

class GeoPackageFeatureStoreTest extends FeatureStoreContract {

    private static GeoPackageFeatureStore store;

    @TempDir
    static Path sampleDir;

    @BeforeAll
    static void open() {
        store = new GeoPackageFeatureStore(SampleData.copyTo(sampleDir.resolve("sample.gpkg")));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Override
    protected FeatureStore store() {
        return store;
    }

    @Test
    void aMissingFileIsAClearError() {
        assertThatThrownBy(() -> new GeoPackageFeatureStore(Path.of("/nonexistent/x.gpkg")))
                .isInstanceOf(FeatureStoreException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void aServedFileVersionsEachLayerByItsOwnWritesWhoeverWrites(@TempDir Path dir) throws Exception {
        Path file = SampleData.copyTo(dir.resolve("served.gpkg"));
        try (GeoPackageFeatureStore served = GeoPackageFeatureStore.served(file)) {
            String tourism = served.version(CATALOG.require("tourism")).tag();
            String farms = served.version(CATALOG.require("farms")).tag();
            // a plain SQLite write that keeps no last_change, as sqlite3 or a script would make
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                    Statement s = c.createStatement()) {
                GeoPackageSqlFunctions.register(c);
                assertThat(s.executeUpdate("UPDATE tourism SET name = name || ' ' WHERE rowid = 1"))
                        .isPositive();
            }
            assertThat(served.version(CATALOG.require("tourism")).tag()).isNotEqualTo(tourism);
            assertThat(served.version(CATALOG.require("farms")).tag()).isEqualTo(farms);
        }
        assertThat(journalMode(file)).isEqualTo("wal");
    }

    @Test
    void aListenerThatFailsOnAChangeDoesNotEndTheWatch(@TempDir Path dir) throws Exception {
        Path file = SampleData.copyTo(dir.resolve("watched.gpkg"));
        java.util.List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (GeoPackageFeatureStore served = GeoPackageFeatureStore.served(file);
                ChangeFeed feed = served.watch(CATALOG.all(), change -> {
                    heard.add(change.layer());
                    if (heard.size() == 1) {
                        throw new IllegalStateException("a tile folder that cannot be deleted");
                    }
                })) {
            for (int write = 1; write <= 2; write++) {
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                        Statement s = c.createStatement()) {
                    GeoPackageSqlFunctions.register(c);
                    s.executeUpdate("UPDATE tourism SET name = name || ' ' WHERE rowid = 1");
                }
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (heard.size() < write && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(heard).as("write " + write).hasSize(write).allMatch("tourism"::equals);
            }
        }
    }

    @Test
    void aFileReadAsItIsIsNotChanged(@TempDir Path dir) throws Exception {
        Path file = SampleData.copyTo(dir.resolve("read.gpkg"));
        byte[] before = Files.readAllBytes(file);
        try (GeoPackageFeatureStore source = new GeoPackageFeatureStore(file)) {
            assertThat(source.version(CATALOG.require("farms")).tag()).isNotEmpty();
        }
        assertThat(journalMode(file)).isEqualTo("delete");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    private static String journalMode(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
