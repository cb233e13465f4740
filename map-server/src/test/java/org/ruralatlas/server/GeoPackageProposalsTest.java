package org.ruralatlas.server;

import org.ruralatlas.data.account.AccountStore;
import org.ruralatlas.data.proposal.ProposalStore;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.geopackage.GeoPackageFeatureStore;
import org.ruralatlas.data.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Proposals from the public on the embedded GeoPackage (the queue in the SQLite file beside it). */
@IntegrationTest
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ruralatlas.admin.token=" + Http.ADMIN_TOKEN,
            "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1",
            "ruralatlas.surveys.difficulty=8",
            "ruralatlas.proposals.per-ip-per-hour=3"
        })
class GeoPackageProposalsTest implements ProposalsContract {

    @LocalServerPort
    int port;

    @Autowired
    AccountStore accounts;

    @Autowired
    ProposalStore proposals;

    @Override
    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public AccountStore accounts() {
        return accounts;
    }

    @Override
    public long proposalCount() {
        return proposals.count();
    }

    @Autowired
    FeatureStore store;

    private java.sql.Connection open(java.nio.file.Path file) throws java.sql.SQLException {
        java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        c.createStatement().execute("PRAGMA busy_timeout = 10000");
        return c;
    }

    private java.nio.file.Path geopackage() {
        return store.as(GeoPackageFeatureStore.class).orElseThrow().file();
    }

    /** The decision is recorded in the GeoPackage in the edit's transaction: its record refuses inserts. */
    @Override
    public void breakDecisions(boolean broken) throws Exception {
        try (java.sql.Connection c = open(geopackage())) {
            c.createStatement()
                    .execute("CREATE TABLE IF NOT EXISTS " + ProposalStore.DECISIONS
                            + " (proposal_id TEXT PRIMARY KEY, status TEXT NOT NULL, decided_by TEXT NOT NULL,"
                            + " decided_at INTEGER NOT NULL, reason TEXT, revision INTEGER)");
            c.createStatement().execute("DROP TRIGGER IF EXISTS test_broken_decisions");
            if (broken) {
                c.createStatement()
                        .execute("CREATE TRIGGER test_broken_decisions BEFORE INSERT ON " + ProposalStore.DECISIONS
                                + " BEGIN SELECT RAISE(ABORT, 'the record is broken'); END");
            }
        }
    }

    /** The queue's own file, written after the edit's commit, refuses every change. */
    @Override
    public void breakQueue(boolean broken) throws Exception {
        java.nio.file.Path queue = geopackage().resolveSibling(geopackage().getFileName() + ".proposals.sqlite");
        try (java.sql.Connection c = open(queue)) {
            c.createStatement().execute("DROP TRIGGER IF EXISTS test_broken_queue");
            if (broken) {
                c.createStatement()
                        .execute("CREATE TRIGGER test_broken_queue BEFORE UPDATE ON proposals"
                                + " BEGIN SELECT RAISE(ABORT, 'the queue is broken'); END");
            }
        }
    }

    @Override
    public void restart() {
        proposals.reconcile();
    }
}
