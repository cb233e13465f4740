package org.ruralatlas.server;

import org.ruralatlas.data.account.AccountStore;
import org.ruralatlas.data.proposal.ProposalStore;
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
}
