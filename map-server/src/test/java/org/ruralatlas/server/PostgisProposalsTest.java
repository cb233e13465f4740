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

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String database = TestDatabase.withSample("proposals");
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
}
