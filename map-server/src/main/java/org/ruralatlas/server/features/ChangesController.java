package org.ruralatlas.server.features;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ruralatlas.data.account.AccountStore;
import org.ruralatlas.data.edit.AccountChange;
import org.ruralatlas.data.edit.FeatureEdits;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.ogcapi.Parameters;
import org.ruralatlas.server.ogcapi.QueryParameters;
import org.ruralatlas.server.ogcapi.Urls;
import org.ruralatlas.server.security.Caller;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * What an account changed, newest first: {@code GET /account/changes} for the signed-in caller's own (the admin
 * token's too, recorded as {@value Caller#ADMIN_TOKEN}), {@code GET /admin/accounts/{name}/changes} for an
 * administrator looking at anyone's. Each entry links the feature and its revisions, where the documents and the
 * restore are. Pages follow {@code next} by revision number ({@code before}), so the thousandth page costs what the
 * first does. Never cached: it is one person's record.
 */
@RestController
public class ChangesController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private final FeatureEdits edits;
    private final AccountStore accounts;

    public ChangesController(FeatureEdits edits, AccountStore accounts) {
        this.edits = edits;
        this.accounts = accounts;
    }

    /** One JSON answer: whose changes, the page of them, and its links. */
    record Page(String actor, List<Entry> changes, List<Link> links) {}

    record Entry(long revision, String collection, String featureId, String operation, String at, List<Link> links) {}

    record Link(String href, String rel, String type, String title) {}

    @GetMapping("/account/changes")
    @QueryParameters({"limit", "before"})
    public ResponseEntity<Page> own(HttpServletRequest request) {
        Caller caller = Caller.current()
                .orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "Authorization", "no account"));
        return page(caller.name(), "/account/changes", request);
    }

    @GetMapping("/admin/accounts/{name}/changes")
    @QueryParameters({"limit", "before"})
    public ResponseEntity<Page> of(@PathVariable String name, HttpServletRequest request) {
        if (!name.equals(Caller.ADMIN_TOKEN) && accounts.account(name).isEmpty()) {
            throw ApiException.notFound("no account " + name);
        }
        return page(
                name,
                "/admin/accounts/" + UriUtils.encodePathSegment(name, StandardCharsets.UTF_8) + "/changes",
                request);
    }

    private ResponseEntity<Page> page(String actor, String path, HttpServletRequest request) {
        int limit = (int) Parameters.wholeNumber("limit", request.getParameter("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT);
        long before =
                Parameters.wholeNumber("before", request.getParameter("before"), Long.MAX_VALUE, 1, Long.MAX_VALUE);
        List<AccountChange> changes = edits.changesBy(actor, before, limit);
        String self = Urls.base() + path;
        List<Entry> entries = changes.stream().map(ChangesController::entry).toList();
        List<Link> links = new java.util.ArrayList<>();
        links.add(new Link(Urls.self(request), "self", "application/json", "This page"));
        if (changes.size() == limit) {
            links.add(new Link(
                    self + "?limit=" + limit + "&before="
                            + changes.get(changes.size() - 1).number(),
                    "next",
                    "application/json",
                    "Older changes"));
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new Page(actor, entries, links));
    }

    private static Entry entry(AccountChange c) {
        String item = Urls.base() + "/collections/" + c.layer() + "/items/"
                + UriUtils.encodePathSegment(c.featureId(), StandardCharsets.UTF_8);
        return new Entry(
                c.number(),
                c.layer(),
                c.featureId(),
                c.operation(),
                c.at().toString(),
                List.of(
                        new Link(item, "item", "application/geo+json", "The feature as it is now"),
                        new Link(item + "/revisions", "version-history", "application/json", "Its revisions")));
    }
}
