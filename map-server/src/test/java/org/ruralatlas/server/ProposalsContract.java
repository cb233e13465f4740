package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.account.Account;
import org.ruralatlas.data.account.AccountStore;
import org.ruralatlas.data.account.Role;
import tools.jackson.databind.JsonNode;

/**
 * Proposals from the public, the same on every store: anyone proposes a correction or a new
 * tourism site with the survey's proof of work and rate limits; a malformed, oversized, invalid or
 * unproven proposal is refused with 4xx and nothing is queued (counted); a reviewer of the
 * proposal's province (or an admin) sees it and accepts it, which writes the feature audited as
 * the reviewer's, or rejects it with a reason; reviewers of other provinces, editors and the
 * anonymous may not, on any spelling of the path; a correction of a feature changed since is not
 * applied; of two reviewers deciding at once exactly one succeeds. The server runs with a proof of
 * work of 8 bits and 3 proposals per address per hour, and takes X-Forwarded-For from 127.0.0.1.
 */
interface ProposalsContract {

    String url(String path);

    AccountStore accounts();

    /** How many proposals the store holds, whatever their status. */
    long proposalCount();

    /** Makes the write of a decision in the edit's own transaction fail (a trigger), or lets it through again. */
    void breakDecisions(boolean broken) throws Exception;

    /**
     * Makes the queue refuse to change any proposal (a trigger), or lets it again: on the embedded store that is
     * the step after the edit's commit (the decision's copy into the queue's file), in PostGIS the edit's own.
     */
    void breakQueue(boolean broken) throws Exception;

    /** What a start of the server does to the queue (a crash's lost step is made again). */
    void restart();

    AtomicInteger ADDRESSES = new AtomicInteger();

    /** A client address of its own, so that each proposal stays inside the per-address limit. */
    default String address() {
        int n = ADDRESSES.incrementAndGet();
        return "10.77." + (n / 250) + "." + (n % 250 + 1);
    }

    default String bearer(Role role, String... provinces) {
        String name = role.id() + "-" + Long.toHexString(System.nanoTime());
        assertThat(accounts().add(new Account(name, role, List.of(provinces), Instant.now(), false)))
                .isTrue();
        return "Bearer "
                + accounts()
                        .issue(name, "test", Instant.now().plusSeconds(3600))
                        .secret();
    }

    default String name(String bearer) {
        return Http.get(url("/account"), "Authorization", bearer)
                .json()
                .get("name")
                .asString();
    }

    /** A tourism site and its province. */
    default JsonNode site(int index) {
        return Http.get(url("/collections/tourism/items?limit=50"))
                .json()
                .get("features")
                .get(index);
    }

    default String province(JsonNode feature) {
        return feature.get("properties").get("province_code").asString();
    }

    /** The feature's JSON with a solved challenge (and the comment, when given) as foreign members. */
    default String proven(String featureJson) throws Exception {
        JsonNode c = Http.get(url("/collections/tourism/proposals/challenge")).json();
        String challenge = c.get("challenge").asString();
        String nonce = NtmContract.solve(challenge, c.get("difficulty").asInt());
        return featureJson.substring(0, featureJson.lastIndexOf('}')) + ",\"challenge\":\"" + challenge
                + "\",\"nonce\":\"" + nonce + "\"}";
    }

    default Http.Reply propose(String featureJson, String from) throws Exception {
        return Http.postJson(url("/collections/tourism/proposals"), proven(featureJson), "X-Forwarded-For", from);
    }

    default String correction(JsonNode site, String newName) {
        return "{\"type\":\"Feature\",\"id\":\"" + site.get("id").asString() + "\",\"properties\":{\"name\":\""
                + newName + "\"},\"comment\":\"the sign at the gate says so\"}";
    }

    default String newSite(JsonNode near, String name) {
        JsonNode coords = near.get("geometry").get("coordinates");
        return "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":["
                + (coords.get(0).asDouble() + 0.0005) + "," + coords.get(1).asDouble() + "]},"
                + "\"properties\":{\"name\":\"" + name + "\",\"category\":\"homestay\",\"province_code\":\""
                + province(near) + "\"}}";
    }

    /** The id of a new proposal (asserting it was queued). */
    default String queued(Http.Reply r) {
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        String id = r.json().get("id").asString();
        assertThat(r.header("Location")).endsWith("/proposals/" + id);
        return id;
    }

    default Http.Reply accept(String id, String auth) {
        return auth == null
                ? Http.post(url("/proposals/" + id + "/accept"))
                : Http.post(url("/proposals/" + id + "/accept"), "Authorization", auth);
    }

    default String otherProvince(String province) {
        return province.equals("24") ? "26" : "24";
    }

    @Test
    default void aCorrectionWaitsForAReviewerOfItsProvinceAndBecomesTheReviewersEdit() throws Exception {
        JsonNode site = site(0);
        String p = province(site);
        String siteId = site.get("id").asString();
        String id = queued(propose(correction(site, "Proposed name " + System.nanoTime()), address()));
        // the public reads the status, nothing else
        JsonNode status = Http.get(url("/proposals/" + id)).json();
        assertThat(status.get("status").asString()).isEqualTo("pending");
        assertThat(status.has("proposed") || status.has("comment") || status.has("provinces"))
                .isFalse();
        String reviewer = bearer(Role.REVIEWER, p);
        String elsewhere = bearer(Role.REVIEWER, otherProvince(p));
        String editor = bearer(Role.EDITOR, p);
        JsonNode queue = Http.get(url("/proposals?status=pending&limit=100"), "Authorization", reviewer)
                .json();
        assertThat(queue.get("proposals").toString()).contains(id).contains("the sign at the gate says so");
        assertThat(Http.get(url("/proposals?status=pending&limit=100"), "Authorization", elsewhere)
                        .text())
                .doesNotContain(id);
        assertThat(Http.get(url("/proposals"), "Authorization", editor).status())
                .isEqualTo(403);
        assertThat(Http.get(url("/proposals")).status()).isEqualTo(401);
        assertThat(accept(id, null).status()).isEqualTo(401);
        assertThat(accept(id, editor).status()).isEqualTo(403);
        assertThat(accept(id, elsewhere).status()).isEqualTo(403);
        assertThat(accept(id, "Bearer ra_not-a-token").status()).isEqualTo(401);
        String before = Http.get(url("/collections/tourism/items/" + siteId)).text();
        assertThat(before).doesNotContain("Proposed name");

        Http.Reply accepted = accept(id, reviewer);
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
        assertThat(accepted.json().get("status").asString()).isEqualTo("accepted");
        JsonNode item = Http.get(url("/collections/tourism/items/" + siteId)).json();
        assertThat(item.get("properties").get("name").asString()).startsWith("Proposed name");
        assertThat(accepted.header("ETag"))
                .isEqualTo(Http.get(url("/collections/tourism/items/" + siteId)).header("ETag"));
        JsonNode revisions = Http.get(
                        url("/collections/tourism/items/" + siteId + "/revisions"), "Authorization", reviewer)
                .json()
                .get("revisions");
        JsonNode last = revisions.get(revisions.size() - 1);
        assertThat(last.get("actor").asString()).isEqualTo(name(reviewer));
        JsonNode decided =
                Http.get(url("/proposals/" + id), "Authorization", reviewer).json();
        assertThat(decided.get("decidedBy").asString()).isEqualTo(name(reviewer));
        assertThat(decided.get("revision").asLong())
                .isEqualTo(last.get("revision").asLong());
        assertThat(Http.get(url("/proposals/" + id)).json().get("status").asString())
                .isEqualTo("accepted");
        assertThat(accept(id, reviewer).status()).as("decided once").isEqualTo(409);
    }

    @Test
    default void aNewTourismSiteIsAddedWhenAccepted() throws Exception {
        JsonNode near = site(1);
        String name = "Homestay đề xuất " + System.nanoTime();
        String id = queued(propose(newSite(near, name), address()));
        String admin = bearer(Role.ADMIN);
        JsonNode full =
                Http.get(url("/proposals/" + id), "Authorization", admin).json();
        assertThat(full.get("kind").asString()).isEqualTo("new");
        assertThat(full.get("provinces").toString()).contains(province(near));
        String featureId = full.get("featureId").asString();
        assertThat(Http.get(url("/collections/tourism/items/" + featureId)).status())
                .isEqualTo(404);
        Http.Reply accepted = accept(id, admin);
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
        JsonNode item = Http.get(url("/collections/tourism/items/" + featureId)).json();
        assertThat(item.get("properties").get("name").asString()).isEqualTo(name);
    }

    @Test
    default void aRejectionNeedsAReasonAndIsFinal() throws Exception {
        JsonNode site = site(2);
        String reviewer = bearer(Role.REVIEWER, province(site));
        String id = queued(propose(correction(site, "Never " + System.nanoTime()), address()));
        String reject = url("/proposals/" + id + "/reject");
        assertThat(Http.post(reject, "Authorization", reviewer).status()).isBetween(400, 499);
        Http.Reply noReason = Http.postJson(reject, "{}", "Authorization", reviewer);
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.json().get("parameter").asString()).isEqualTo("reason");
        assertThat(Http.postJson(reject, "{\"reason\":\"  \"}", "Authorization", reviewer)
                        .status())
                .isEqualTo(422);
        assertThat(Http.postJson(reject, "{\"reason\":\"no\"}", "Authorization", bearer(Role.EDITOR, province(site)))
                        .status())
                .isEqualTo(403);
        Http.Reply rejected =
                Http.postJson(reject, "{\"reason\":\"the old name is right\"}", "Authorization", reviewer);
        assertThat(rejected.status()).as(rejected.text()).isEqualTo(200);
        assertThat(rejected.json().get("reason").asString()).isEqualTo("the old name is right");
        JsonNode seen = Http.get(url("/proposals/" + id)).json();
        assertThat(seen.get("status").asString()).isEqualTo("rejected");
        assertThat(seen.has("reason") || seen.has("decidedBy"))
                .as("the public reads the status only")
                .isFalse();
        assertThat(accept(id, reviewer).status()).isEqualTo(409);
        assertThat(Http.postJson(reject, "{\"reason\":\"again\"}", "Authorization", reviewer)
                        .status())
                .isEqualTo(409);
        assertThat(Http.get(url("/collections/tourism/items/" + site.get("id").asString()))
                        .text())
                .doesNotContain("Never ");
    }

    @Test
    default void aCorrectionOfAFeatureChangedSinceIsNotApplied() throws Exception {
        JsonNode site = site(3);
        String siteId = site.get("id").asString();
        String reviewer = bearer(Role.REVIEWER, province(site));
        String id = queued(propose(correction(site, "Stale " + System.nanoTime()), address()));
        String etag = Http.get(url("/collections/tourism/items/" + siteId)).header("ETag");
        assertThat(Http.mergePatch(
                                url("/collections/tourism/items/" + siteId),
                                "{\"properties\":{\"name\":\"Edited meanwhile\"}}",
                                bearer(Role.EDITOR, province(site)),
                                etag)
                        .status())
                .isEqualTo(200);
        Http.Reply refused = accept(id, reviewer);
        assertThat(refused.status()).as(refused.text()).isIn(409, 412);
        assertThat(siteName(siteId)).isEqualTo("Edited meanwhile");
        assertThat(Http.get(url("/proposals/" + id)).json().get("status").asString())
                .as("still there to reject")
                .isEqualTo("pending");
    }

    @Test
    default void badProposalsAreRefusedAndNothingIsQueued() throws Exception {
        JsonNode site = site(4);
        String target = url("/collections/tourism/proposals");
        long before = proposalCount();
        List<String> statuses = new ArrayList<>();
        // no proof of work, a wrong nonce, a challenge of another collection
        String plain = correction(site, "Unproven");
        statuses.add(Http.postJson(target, plain, "X-Forwarded-For", address()).status() + "");
        JsonNode c = Http.get(url("/collections/tourism/proposals/challenge")).json();
        statuses.add(Http.postJson(
                                target,
                                plain.replace(
                                        "\"comment\"",
                                        "\"challenge\":\"" + c.get("challenge").asString()
                                                + "\",\"nonce\":\"x\",\"comment\""),
                                "X-Forwarded-For",
                                address())
                        .status()
                + "");
        JsonNode farms = Http.get(url("/collections/farms/proposals/challenge")).json();
        String foreign = plain.replace(
                "\"comment\"",
                "\"challenge\":\"" + farms.get("challenge").asString() + "\",\"nonce\":\""
                        + NtmContract.solve(
                                farms.get("challenge").asString(),
                                farms.get("difficulty").asInt())
                        + "\",\"comment\"");
        statuses.add(
                Http.postJson(target, foreign, "X-Forwarded-For", address()).status() + "");
        // malformed, not a feature, wrong type, too large, a schema problem, an unknown feature, a control character
        statuses.add(Http.postJson(target, "{\"type\":\"Feature\",", "X-Forwarded-For", address())
                        .status() + "");
        statuses.add(
                Http.postJson(target, "[1,2]", "X-Forwarded-For", address()).status() + "");
        statuses.add(
                Http.send("POST", target, proven(plain), "Content-Type", "text/plain", "X-Forwarded-For", address())
                                .status()
                        + "");
        statuses.add(Http.postJson(target, "{\"type\":\"Feature\",\"comment\":\"" + "x".repeat(70_000) + "\"}")
                        .status()
                + "");
        statuses.add(propose(
                                "{\"type\":\"Feature\",\"id\":\""
                                        + site.get("id").asString()
                                        + "\",\"properties\":{\"category\":\"castle\",\"stars\":5}}",
                                address())
                        .status()
                + "");
        statuses.add(propose(
                                newSite(site, "Outside")
                                        .replace("\"province_code\":\"" + province(site), "\"province_code\":\"99"),
                                address())
                        .status()
                + "");
        statuses.add(
                propose("{\"type\":\"Feature\",\"id\":\"no-such-site\",\"properties\":{\"name\":\"x\"}}", address())
                                .status()
                        + "");
        statuses.add(propose(correction(site, "Bell\\u0007"), address()).status() + "");
        statuses.add(propose(correction(site, site.get("properties").get("name").asString()), address())
                        .status()
                + "");
        assertThat(statuses)
                .containsExactly("422", "422", "422", "400", "400", "415", "413", "422", "422", "404", "422", "422");
        assertThat(proposalCount()).isEqualTo(before);
        // a challenge serves once
        String once = proven(correction(site, "Once " + System.nanoTime()));
        assertThat(Http.postJson(target, once, "X-Forwarded-For", address()).status())
                .isEqualTo(202);
        assertThat(Http.postJson(target, once, "X-Forwarded-For", address()).status())
                .isEqualTo(409);
        assertThat(proposalCount()).isEqualTo(before + 1);
    }

    @Test
    default void oneAddressIsLimitedPerHour() throws Exception {
        JsonNode site = site(5);
        String from = address();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(propose(correction(site, "Flood " + i + " " + System.nanoTime()), from)
                    .status());
        }
        assertThat(statuses).containsExactly(202, 202, 202, 429);
        Http.Reply limited = propose(correction(site, "Flood again"), from);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isNotNull();
        assertThat(propose(correction(site, "Another address " + System.nanoTime()), address())
                        .status())
                .isEqualTo(202);
    }

    @Test
    default void ofTwoReviewersAcceptingAtOnceExactlyOneSucceeds() throws Exception {
        JsonNode site = site(6);
        String p = province(site);
        List<String> reviewers = List.of(bearer(Role.REVIEWER, p), bearer(Role.REVIEWER, p), bearer(Role.ADMIN));
        for (String proposal : List.of(
                correction(site, "Raced " + System.nanoTime()), newSite(site, "Raced new " + System.nanoTime()))) {
            String id = queued(propose(proposal, address()));
            ExecutorService pool = Executors.newFixedThreadPool(reviewers.size());
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (String r : reviewers) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return accept(id, r).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : answers) {
                statuses.add(f.get());
            }
            pool.shutdown();
            assertThat(statuses).as(proposal).containsOnly(200, 409);
            assertThat(statuses.stream().filter(s -> s == 200).count())
                    .as(proposal)
                    .isEqualTo(1);
        }
    }

    /** Other spellings of the review routes: none decides without a reviewer's credentials. */
    @Test
    default void everySpellingOfTheReviewRoutesNeedsAReviewer() throws Exception {
        JsonNode site = site(7);
        String id = queued(propose(correction(site, "Spelled " + System.nanoTime()), address()));
        String editor = bearer(Role.EDITOR, province(site));
        List<String> spellings = List.of(
                "/proposals/" + id + "/accept",
                "/proposals/" + id + "/accept/",
                "/%70roposals/" + id + "/accept",
                "/proposals/" + id + "/%61ccept",
                "/proposals//" + id + "/accept",
                "//proposals/" + id + "/accept",
                "/proposals/./" + id + "/accept",
                "/proposals/x/../" + id + "/accept",
                "/proposals/%2e/" + id + "/accept",
                "/proposals;x=y/" + id + "/accept",
                "/proposals/" + id + ";x/accept",
                "/PROPOSALS/" + id + "/accept",
                "/proposals/" + id + "%2Faccept",
                "/proposals/" + id + "/reject",
                "/%70roposals/" + id + "/reject");
        List<String> reached = new ArrayList<>();
        for (String path : spellings) {
            for (String auth : new String[] {null, editor, "Bearer ra_nope"}) {
                Http.Reply r = auth == null
                        ? Http.postJson(url(path), "{\"reason\":\"x\"}")
                        : Http.postJson(url(path), "{\"reason\":\"x\"}", "Authorization", auth);
                if (r.status() < 400 || r.status() >= 500) {
                    reached.add(path + " " + auth + " -> " + r.status());
                }
            }
        }
        assertThat(reached).isEmpty();
        assertThat(Http.postJson(url("/%70roposals/" + id + "/accept"), "{}").status())
                .isEqualTo(401);
        assertThat(Http.postJson(url("/%70roposals/" + id + "/accept"), "{}", "Authorization", editor)
                        .status())
                .isEqualTo(403);
        assertThat(Http.get(url("/%70roposals?status=pending")).status()).isEqualTo(401);
        assertThat(Http.get(url("/proposals/" + id)).json().get("status").asString())
                .isEqualTo("pending");
    }

    @Test
    default void aSignedInReviewerDecidesWithTheSessionsCsrfTokenOnly() throws Exception {
        JsonNode site = site(8);
        String id = queued(propose(correction(site, "Cookie " + System.nanoTime()), address()));
        String name = "reviewer-" + Long.toHexString(System.nanoTime());
        assertThat(accounts().add(new Account(name, Role.REVIEWER, List.of(province(site)), Instant.now(), false)))
                .isTrue();
        String password = Http.newPassword(url("/admin/accounts/" + name + "/password"));
        Http.Reply in = Http.send(
                "POST",
                url("/session"),
                "{\"name\": \"" + name + "\", \"password\": \"" + password + "\"}",
                "Content-Type",
                "application/json",
                "X-Forwarded-For",
                address());
        assertThat(in.status()).as(in.text()).isEqualTo(200);
        String cookie = in.headers().allValues("Set-Cookie").get(0).split(";", 2)[0];
        String csrf = in.json().get("csrf").get("token").asString();
        assertThat(Http.get(url("/proposals?limit=100"), "Cookie", cookie).text())
                .contains(id);
        String accept = url("/proposals/" + id + "/accept");
        assertThat(Http.post(accept, "Cookie", cookie).status()).isEqualTo(403);
        assertThat(Http.post(accept, "Cookie", cookie, "X-CSRF-TOKEN", "not-the-token")
                        .status())
                .isEqualTo(403);
        assertThat(Http.get(url("/proposals/" + id)).json().get("status").asString())
                .isEqualTo("pending");
        Http.Reply accepted = Http.post(accept, "Cookie", cookie, "X-CSRF-TOKEN", csrf);
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
        assertThat(accepted.json().get("decidedBy").asString()).isEqualTo(name);
    }

    @Test
    default void theQueuePagesInTheOrderProposalsCame() throws Exception {
        JsonNode site = site(9);
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(queued(propose(correction(site, "Paged " + i + " " + System.nanoTime()), address())));
        }
        String admin = bearer(Role.ADMIN);
        List<String> seen = new ArrayList<>();
        String next = url("/proposals?status=pending&limit=2");
        for (int pages = 0; next != null && pages < 500; pages++) {
            JsonNode page = Http.get(next, "Authorization", admin).json();
            page.get("proposals").forEach(p -> seen.add(p.get("id").asString()));
            next = null;
            for (JsonNode link : page.get("links")) {
                if (link.get("rel").asString().equals("next")) {
                    next = link.get("href").asString();
                }
            }
        }
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen.stream().filter(mine::contains).toList()).isEqualTo(mine);
        for (String bad : List.of("status=maybe", "limit=0", "limit=101", "after=-1", "after=x", "zz=1")) {
            Http.Reply r = Http.get(url("/proposals?" + bad), "Authorization", admin);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.json().get("parameter").asString()).as(bad).isEqualTo(bad.split("=")[0]);
        }
    }

    default String siteName(String siteId) {
        return Http.get(url("/collections/tourism/items/" + siteId))
                .json()
                .get("properties")
                .get("name")
                .asString();
    }

    /** The revisions of a tourism site that {@code reviewer} wrote (none when the site has no revision). */
    default long revisionsBy(String siteId, String reviewer) {
        Http.Reply reply =
                Http.get(url("/collections/tourism/items/" + siteId + "/revisions"), "Authorization", reviewer);
        if (reply.status() == 404) {
            return 0;
        }
        JsonNode revisions = reply.json().get("revisions");
        String actor = name(reviewer);
        long n = 0;
        for (JsonNode r : revisions) {
            n += r.get("actor").asString().equals(actor) ? 1 : 0;
        }
        return n;
    }

    @Test
    default void whenTheDecisionCannotBeWrittenTheEditIsNotKeptEither() throws Exception {
        JsonNode site = site(10);
        String siteId = site.get("id").asString();
        String reviewer = bearer(Role.REVIEWER, province(site));
        String name = "Decided in one go " + System.nanoTime();
        String id = queued(propose(correction(site, name), address()));
        String before = Http.get(url("/collections/tourism/items/" + siteId)).text();
        breakDecisions(true);
        try {
            Http.Reply failed = accept(id, reviewer);
            assertThat(failed.status()).as(failed.text()).isNotEqualTo(200);
            assertThat(Http.get(url("/collections/tourism/items/" + siteId)).text())
                    .as("the edit rolled back with the decision")
                    .isEqualTo(before);
            assertThat(revisionsBy(siteId, reviewer)).isZero();
            assertThat(Http.get(url("/proposals/" + id)).json().get("status").asString())
                    .isEqualTo("pending");
        } finally {
            breakDecisions(false);
        }
        restart();
        assertThat(Http.get(url("/proposals/" + id)).json().get("status").asString())
                .isEqualTo("pending");
        Http.Reply accepted = accept(id, reviewer);
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
        assertThat(siteName(siteId)).isEqualTo(name);
        assertThat(revisionsBy(siteId, reviewer)).isEqualTo(1);
        assertThat(accept(id, reviewer).status()).isEqualTo(409);
    }

    /**
     * A failure (or a crash) after the edit: the edit is kept only with its decision, which the next start finds
     * and the queue then shows; a second acceptance never applies the proposal again.
     */
    @Test
    default void aFailureAfterTheEditLeavesNothingHalfWrittenAndTheProposalIsAppliedOnce() throws Exception {
        JsonNode site = site(11);
        String siteId = site.get("id").asString();
        String reviewer = bearer(Role.REVIEWER, province(site));
        String other = bearer(Role.REVIEWER, province(site));
        String name = "Accepted once " + System.nanoTime();
        String id = queued(propose(correction(site, name), address()));
        String before = Http.get(url("/collections/tourism/items/" + siteId)).text();
        breakQueue(true);
        try {
            accept(id, reviewer);
        } finally {
            breakQueue(false);
        }
        // before the restart another reviewer tries: applied at most once in all
        Http.Reply second = accept(id, other);
        restart();
        JsonNode proposal =
                Http.get(url("/proposals/" + id), "Authorization", reviewer).json();
        String now = Http.get(url("/collections/tourism/items/" + siteId)).text();
        long mine = revisionsBy(siteId, reviewer);
        long theirs = revisionsBy(siteId, other);
        if (second.status() == 200) {
            // the first left nothing: the second is the one
            assertThat(mine).isZero();
            assertThat(theirs).isEqualTo(1);
            assertThat(proposal.get("decidedBy").asString()).isEqualTo(name(other));
        } else {
            assertThat(second.status()).as(second.text()).isEqualTo(409);
            if (mine == 0) {
                assertThat(now).isEqualTo(before);
                assertThat(proposal.get("status").asString()).isEqualTo("pending");
                assertThat(accept(id, reviewer).status()).isEqualTo(200);
                mine = revisionsBy(siteId, reviewer);
                proposal = Http.get(url("/proposals/" + id), "Authorization", reviewer)
                        .json();
            }
            assertThat(mine).isEqualTo(1);
            assertThat(theirs).isZero();
            assertThat(proposal.get("decidedBy").asString()).isEqualTo(name(reviewer));
        }
        assertThat(proposal.get("status").asString()).isEqualTo("accepted");
        JsonNode revisions = Http.get(
                        url("/collections/tourism/items/" + siteId + "/revisions"), "Authorization", reviewer)
                .json()
                .get("revisions");
        assertThat(proposal.get("revision").asLong())
                .as("the revision noted is the edit's")
                .isEqualTo(revisions.get(revisions.size() - 1).get("revision").asLong());
        assertThat(siteName(siteId)).isEqualTo(name);
        assertThat(accept(id, reviewer).status()).isEqualTo(409);
        assertThat(accept(id, other).status()).isEqualTo(409);
    }
}
