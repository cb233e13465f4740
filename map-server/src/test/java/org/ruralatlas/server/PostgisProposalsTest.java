package org.ruralatlas.server;

import org.ruralatlas.data.account.AccountStore;
import org.ruralatlas.data.proposal.ProposalStore;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Proposals from the public on PostGIS (the queue in its tables, migration V19; rate limits shared by its servers). */
@IntegrationTest
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "ruralatlas.admin.token=" + Http.ADMIN_TOKEN,
            "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1",
            "ruralatlas.surveys.difficulty=8",
            "ruralatlas.proposals.per-ip-per-hour=3"
        })
class PostgisProposalsTest implements ProposalsContract {

    @LocalServerPort
    int port;

    @Autowired
    AccountStore accounts;

    @Autowired
    ProposalStore proposals;

    private static String database;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        database = TestDatabase.withSample("proposals");
        registry.add("ruralatlas.db.url", () -> database);
    }

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

    /** The decision is an UPDATE of the queue's row in the edit's transaction: one trigger breaks both hooks. */
    @Override
    public void breakDecisions(boolean broken) throws Exception {
        breakQueue(broken);
    }

    @Override
    public void breakQueue(boolean broken) throws Exception {
        try (java.sql.Connection c = TestDatabase.dataSource(database).getConnection();
                java.sql.Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER IF EXISTS test_broken_queue ON ruralatlas.proposals");
            if (broken) {
                s.execute(
                        "CREATE OR REPLACE FUNCTION ruralatlas.test_broken_queue() RETURNS trigger LANGUAGE plpgsql AS"
                                + " $$ BEGIN RAISE EXCEPTION 'the queue is broken'; END $$");
                s.execute("CREATE TRIGGER test_broken_queue BEFORE UPDATE ON ruralatlas.proposals FOR EACH ROW"
                        + " EXECUTE FUNCTION ruralatlas.test_broken_queue()");
            }
        }
    }

    @Override
    public void restart() {
        proposals.reconcile();
    }
}
