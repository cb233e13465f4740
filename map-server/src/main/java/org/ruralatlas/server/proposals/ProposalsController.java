package org.ruralatlas.server.proposals;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.edit.EditConflictException;
import org.ruralatlas.data.edit.EditRefusedException;
import org.ruralatlas.data.proposal.Proposal;
import org.ruralatlas.data.text.PlainText;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.error.Problems;
import org.ruralatlas.server.features.FeatureBodies;
import org.ruralatlas.server.features.InvalidFeatureException;
import org.ruralatlas.server.features.ItemTag;
import org.ruralatlas.server.ogcapi.JsonBodies;
import org.ruralatlas.server.ogcapi.Link;
import org.ruralatlas.server.ogcapi.QueryParameters;
import org.ruralatlas.server.ogcapi.Urls;
import org.ruralatlas.server.security.Caller;
import org.ruralatlas.server.survey.PublicWriteGate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Proposals from the public: anyone proposes a correction of a feature or a new one ({@code POST
 * /collections/{id}/proposals}, with the survey's proof of work and rate limits; 202 and the
 * proposal's Location, whose public view is its status only); reviewers of its provinces and
 * admins list the queue ({@code GET /proposals}), accept ({@code POST /proposals/{id}/accept}: an
 * audited edit as theirs) or reject with a reason ({@code POST /proposals/{id}/reject}). The
 * security chain lets only reviewers and admins at {@code /proposals/**} but one proposal's status.
 */
@RestController
public class ProposalsController {

    /** The largest proposal: a tourism site's polygon fits, a flood does not. */
    static final int MAX_BODY = 64 * 1024;
    /** The longest comment or reason, in characters. */
    static final int MAX_TEXT = 2000;

    private static final List<MediaType> TYPES =
            List.of(MediaType.parseMediaType("application/geo+json"), MediaType.APPLICATION_JSON);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LayerCatalog catalog;
    private final ProposalService proposals;
    private final PublicWriteGate gate;

    public ProposalsController(LayerCatalog catalog, ProposalService proposals, PublicWriteGate gate) {
        this.catalog = catalog;
        this.proposals = proposals;
        this.gate = gate;
    }

    private Layer layer(String id) {
        return catalog.layer(id)
                .filter(Layer::isCollection)
                .orElseThrow(() -> ApiException.notFound("no collection " + id));
    }

    private static String scope(Layer layer) {
        return "proposal-" + layer.id().replaceAll("[^A-Za-z0-9_-]", "_");
    }

    /** A proof-of-work challenge for one proposal to this collection. */
    @GetMapping("/collections/{collectionId}/proposals/challenge")
    public ResponseEntity<Map<String, Object>> challenge(@PathVariable String collectionId) {
        Layer layer = layer(collectionId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("challenge", gate.challenge(scope(layer)));
        body.put("difficulty", gate.difficulty());
        body.put("algorithm", "SHA-256(challenge + ':' + nonce) with at least difficulty leading zero bits");
        return ResponseEntity.ok()
                .header("Cache-Control", "no-store")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }

    /**
     * A proposal: a GeoJSON Feature (with the {@code id} of a feature: a correction of it, only what
     * changes; without: a new feature) with the foreign members {@code challenge} and {@code nonce}
     * (the proof of work) and an optional {@code comment}.
     */
    @PostMapping("/collections/{collectionId}/proposals")
    public ResponseEntity<Map<String, Object>> propose(@PathVariable String collectionId, HttpServletRequest request) {
        Layer layer = layer(collectionId);
        JsonNode body = JsonBodies.read(request, TYPES, MAX_BODY);
        if (!body.isObject() || !"Feature".equals(body.path("type").asString(null))) {
            throw ApiException.badParameter(
                    "body",
                    "a proposal is a GeoJSON Feature: {\"type\": \"Feature\", \"id\": (a feature's, to correct it), "
                            + "\"geometry\": …, \"properties\": …, \"comment\": …, \"challenge\": …, \"nonce\": …}");
        }
        for (String member : body.propertyNames()) {
            if (!List.of("type", "id", "geometry", "properties", "comment", "challenge", "nonce", "bbox")
                    .contains(member)) {
                throw ApiException.badParameter(member, "unknown member " + member + " of a proposal");
            }
        }
        String comment = text(body, "comment", false);
        gate.admit(request, scope(layer), string(body, "challenge"), string(body, "nonce"));
        Proposal p = proposals.propose(layer, body, comment);
        Map<String, Object> out = publicView(p);
        return ResponseEntity.accepted()
                .location(URI.create(url(p)))
                .contentType(MediaType.APPLICATION_JSON)
                .body(out);
    }

    /** One proposal: its status to anyone; everything to a reviewer of its provinces or an admin. */
    @GetMapping("/proposals/{proposalId}")
    public ResponseEntity<Map<String, Object>> proposal(@PathVariable String proposalId) {
        Proposal p = proposals.find(proposalId);
        boolean judge = Caller.current().map(c -> ProposalService.judges(c, p)).orElse(false);
        return ResponseEntity.ok()
                .header("Cache-Control", "no-store")
                .contentType(MediaType.APPLICATION_JSON)
                .body(judge ? fullView(p) : publicView(p));
    }

    /** The queue the caller reviews, in the order proposals came; {@code next} links page on. */
    @QueryParameters({"status", "limit", "after"})
    @GetMapping("/proposals")
    public ResponseEntity<Map<String, Object>> queue(HttpServletRequest request) {
        Caller caller = caller();
        String status = request.getParameter("status") == null ? Proposal.PENDING : request.getParameter("status");
        if (!List.of(Proposal.PENDING, Proposal.ACCEPTED, Proposal.REJECTED).contains(status)) {
            throw ApiException.badParameter("status", "status is pending, accepted or rejected");
        }
        int limit = (int) number(request, "limit", 20, 1, 100);
        long after = number(request, "after", 0, 0, Long.MAX_VALUE);
        List<Proposal> page = proposals.queue(caller, status, after, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("proposals", page.stream().map(ProposalsController::fullView).toList());
        List<Link> links = new ArrayList<>();
        if (page.size() == limit) {
            links.add(new Link(
                    Urls.base() + "/proposals?status=" + status + "&limit=" + limit + "&after="
                            + page.get(page.size() - 1).seq(),
                    "next",
                    "application/json",
                    "The next page"));
        }
        body.put("links", links);
        return ResponseEntity.ok()
                .header("Cache-Control", "no-store")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }

    @PostMapping("/proposals/{proposalId}/accept")
    public ResponseEntity<Map<String, Object>> accept(@PathVariable String proposalId) {
        ProposalService.Accepted a = proposals.accept(caller(), proposalId);
        Map<String, Object> body = fullView(a.proposal());
        body.put("feature", FeatureBodies.asJson(a.feature()));
        return ResponseEntity.ok()
                .eTag(ItemTag.etag(a.feature(), ""))
                .header("Cache-Control", "no-store")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }

    /** A rejection: the body is {@code {"reason": "…"}}, required. */
    @PostMapping("/proposals/{proposalId}/reject")
    public ResponseEntity<Map<String, Object>> reject(@PathVariable String proposalId, HttpServletRequest request) {
        Caller caller = caller();
        JsonNode body = JsonBodies.read(request, List.of(MediaType.APPLICATION_JSON), 16 * 1024);
        if (!body.isObject()) {
            throw ApiException.badParameter("body", "a rejection is {\"reason\": \"…\"}");
        }
        String reason = text(body, "reason", true);
        return ResponseEntity.ok()
                .header("Cache-Control", "no-store")
                .contentType(MediaType.APPLICATION_JSON)
                .body(fullView(proposals.reject(caller, proposalId, reason)));
    }

    @ExceptionHandler(InvalidFeatureException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidFeatureException e, HttpServletRequest request) {
        return FeatureBodies.invalid(e, request);
    }

    @ExceptionHandler(EditConflictException.class)
    ResponseEntity<Map<String, Object>> conflict(EditConflictException e, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.body(Problems.of(HttpStatus.CONFLICT, e.getMessage(), null, request)));
    }

    @ExceptionHandler(EditRefusedException.class)
    ResponseEntity<Map<String, Object>> refused(EditRefusedException e, HttpServletRequest request) {
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.body(Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage(), null, request)));
    }

    private static Caller caller() {
        return Caller.current()
                .orElseThrow(() -> new ApiException(
                        HttpStatus.UNAUTHORIZED, "Authorization", "this request needs Authorization: Bearer <token>"));
    }

    private static String string(JsonNode body, String member) {
        JsonNode v = body.get(member);
        return v != null && v.isString() ? v.asString() : null;
    }

    /** A short text member: 422 when it is not text, too long or holds control characters; null when absent and not required. */
    private static String text(JsonNode body, String member, boolean required) {
        JsonNode v = body.get(member);
        if (v == null || v.isNull() || v.isString() && v.asString().isBlank()) {
            if (required) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, member, member + " is required");
            }
            return null;
        }
        if (!v.isString() || v.asString().length() > MAX_TEXT || !PlainText.acceptable(v.asString())) {
            throw new ApiException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    member,
                    member + " is text of at most " + MAX_TEXT + " characters, without control characters");
        }
        return v.asString().strip();
    }

    private static long number(HttpServletRequest request, String name, long fallback, long min, long max) {
        String v = request.getParameter(name);
        if (v == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.badParameter(name, name + " must be a whole number from " + min + " to " + max);
    }

    private static String url(Proposal p) {
        return Urls.base() + "/proposals/" + p.id();
    }

    /** What anyone may read of a proposal: its status, nothing of its content or of who decided. */
    private static Map<String, Object> publicView(Proposal p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("status", p.status());
        m.put("links", List.of(new Link(url(p), "self", "application/json", "This proposal")));
        return m;
    }

    /** What a reviewer of its provinces reads: everything the queue keeps (nothing personal is kept). */
    private static Map<String, Object> fullView(Proposal p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("status", p.status());
        m.put("collection", p.layer());
        m.put("kind", p.correction() ? "correction" : "new");
        m.put("featureId", p.featureId());
        m.put("proposed", JSON.readTree(p.feature()));
        m.put("comment", p.comment());
        m.put("provinces", p.provinces());
        m.put("created", p.created() == null ? null : p.created().toString());
        m.put("decidedBy", p.decidedBy());
        m.put("decidedAt", p.decidedAt() == null ? null : p.decidedAt().toString());
        m.put("reason", p.reason());
        m.put("revision", p.revision());
        String item = Urls.base() + "/collections/" + p.layer() + "/items/"
                + org.springframework.web.util.UriUtils.encodePathSegment(
                        p.featureId(), java.nio.charset.StandardCharsets.UTF_8);
        m.put(
                "links",
                List.of(
                        new Link(url(p), "self", "application/json", "This proposal"),
                        new Link(item, "item", "application/geo+json", "The feature"),
                        new Link(url(p) + "/accept", "accept", "application/json", "POST to accept"),
                        new Link(url(p) + "/reject", "reject", "application/json", "POST {reason} to reject")));
        return m;
    }
}
