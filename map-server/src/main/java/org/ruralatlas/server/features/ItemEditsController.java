package org.ruralatlas.server.features;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.edit.EditConflictException;
import org.ruralatlas.data.edit.EditProblem;
import org.ruralatlas.data.edit.EditRefusedException;
import org.ruralatlas.data.edit.FeatureEdits;
import org.ruralatlas.data.edit.FeatureValidator;
import org.ruralatlas.data.edit.NtmRecordRules;
import org.ruralatlas.data.edit.Provinces;
import org.ruralatlas.data.edit.Revision;
import org.ruralatlas.data.edit.UnitVersions;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.VietnamCalendar;
import org.ruralatlas.data.io.GeoJsonWriter;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.error.Problems;
import org.ruralatlas.server.ogcapi.JsonBodies;
import org.ruralatlas.server.ogcapi.Urls;
import org.ruralatlas.server.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * OGC API – Features – Part 4 (Create, Replace, Update, Delete; OGC 20-002) on every collection:
 * {@code POST …/items} (201 with Location), {@code PUT} and {@code PATCH} (JSON Merge Patch, RFC
 * 7396) and {@code DELETE} of {@code …/items/{featureId}}. The security chain lets only editors
 * and administrators here; an editor writes only features whose provinces (its
 * {@code province_code} and those its geometry meets), before and after the write, are all its
 * own. A replace, update or delete needs {@code If-Match} with the feature's current ETag (428
 * without, 412 when stale), checked while the store holds the feature, so of two writers with the
 * same ETag exactly one wins. Bodies are checked against the layer's schema: 422 lists every
 * problem by property. Each write is one transaction with its audit revision.
 */
@RestController
public class ItemEditsController {

    /** The largest body a write takes: a province-sized polygon fits, a flood does not. */
    static final int MAX_BODY = 2 * 1024 * 1024;

    static final MediaType GEOJSON = MediaType.parseMediaType("application/geo+json");
    static final MediaType MERGE_PATCH = MediaType.parseMediaType("application/merge-patch+json");

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LayerCatalog catalog;
    private final FeatureEdits edits;
    private final FeatureValidator validator;
    private final Provinces provinces;
    private final NtmRecordRules records;

    public ItemEditsController(
            LayerCatalog catalog,
            FeatureEdits edits,
            FeatureValidator validator,
            Provinces provinces,
            NtmRecordRules records) {
        this.catalog = catalog;
        this.edits = edits;
        this.validator = validator;
        this.provinces = provinces;
        this.records = records;
    }

    @PostMapping("/collections/{collectionId}/items")
    public ResponseEntity<byte[]> create(@PathVariable String collectionId, HttpServletRequest request) {
        Layer layer = layer(collectionId);
        JsonNode body = feature(JsonBodies.read(request, List.of(GEOJSON, MediaType.APPLICATION_JSON), MAX_BODY));
        String id = newId(layer, body);
        Caller caller = caller();
        Feature stored = edits.edit(layer, id, caller.name(), current -> {
                    if (current.isPresent()) {
                        throw ApiException.conflict(
                                "a feature " + id + " exists already in " + layer.id() + "; replace it with PUT");
                    }
                    Feature next = checked(layer, id, body, null);
                    inScope(caller, layer, next);
                    if (layer.isRecords()) {
                        // a new version of a unit may be history (the administrator adds the past); a new record of
                        // an ended version may not
                        kept(layer, next);
                    }
                    return Optional.of(next);
                })
                .orElseThrow();
        return written(ResponseEntity.created(URI.create(itemUrl(layer, id))), stored);
    }

    @PutMapping("/collections/{collectionId}/items/{featureId}")
    public ResponseEntity<byte[]> replace(
            @PathVariable String collectionId, @PathVariable String featureId, HttpServletRequest request) {
        Layer layer = layer(collectionId);
        String ifMatch = ifMatch(request);
        JsonNode body = feature(JsonBodies.read(request, List.of(GEOJSON, MediaType.APPLICATION_JSON), MAX_BODY));
        return change(
                layer,
                featureId,
                ifMatch,
                current -> FeatureBodies.checked(validator, layer, featureId, body, current));
    }

    @PatchMapping("/collections/{collectionId}/items/{featureId}")
    public ResponseEntity<byte[]> update(
            @PathVariable String collectionId, @PathVariable String featureId, HttpServletRequest request) {
        Layer layer = layer(collectionId);
        String ifMatch = ifMatch(request);
        JsonNode patch = JsonBodies.read(request, List.of(MERGE_PATCH, MediaType.APPLICATION_JSON), MAX_BODY);
        if (!patch.isObject()) {
            throw ApiException.badParameter(
                    "body", "a JSON Merge Patch of a feature is an object, e.g. {\"properties\": {\"name\": \"…\"}}");
        }
        return change(layer, featureId, ifMatch, current -> {
            ObjectNode merged = (ObjectNode) FeatureBodies.mergePatch(FeatureBodies.asJson(current), patch);
            return FeatureBodies.checked(validator, layer, featureId, feature(merged), current);
        });
    }

    @DeleteMapping("/collections/{collectionId}/items/{featureId}")
    public ResponseEntity<Void> delete(
            @PathVariable String collectionId, @PathVariable String featureId, HttpServletRequest request) {
        Layer layer = layer(collectionId);
        String ifMatch = ifMatch(request);
        Caller caller = caller();
        edits.edit(layer, featureId, caller.name(), current -> {
            Feature before =
                    current.orElseThrow(() -> ApiException.notFound("no feature " + featureId + " in " + layer.id()));
            precondition(ifMatch, before);
            inScope(caller, layer, before);
            kept(layer, before);
            return Optional.empty();
        });
        return ResponseEntity.noContent().build();
    }

    /** How the public audit names a write made with an account. */
    static final String SOME_ACCOUNT = "a RuralAtlas account";

    /**
     * The audit of one feature, oldest first: each committed change with who made it (an account,
     * the admin token, or "outside RuralAtlas"), when, and the feature before and after. Public,
     * as the features are; deleted features keep theirs. Accounts are people (provincial staff):
     * their names go only to signed-in callers, the public reads {@value #SOME_ACCOUNT}, so the
     * audit does not hand out a list of whom to phish.
     */
    @GetMapping("/collections/{collectionId}/items/{featureId}/revisions")
    public ResponseEntity<Map<String, Object>> revisions(
            @PathVariable String collectionId, @PathVariable String featureId) {
        Layer layer = layer(collectionId);
        List<Revision> revisions = edits.revisions(layer, featureId);
        if (revisions.isEmpty()) {
            throw ApiException.notFound("no revision of a feature " + featureId + " in " + layer.id());
        }
        String self = itemUrl(layer, featureId);
        boolean signedIn = Caller.current().isPresent();
        List<Map<String, Object>> out = revisions.stream()
                .map(r -> {
                    Map<String, Object> m = new java.util.LinkedHashMap<>();
                    m.put("revision", r.number());
                    m.put("operation", r.operation());
                    m.put(
                            "actor",
                            signedIn
                                            || r.actor().equals(Revision.OUTSIDE)
                                            || r.actor().equals(Caller.ADMIN_TOKEN)
                                    ? r.actor()
                                    : SOME_ACCOUNT);
                    m.put("at", r.at().toString());
                    m.put("before", r.before() == null ? null : FeatureBodies.asJson(r.before()));
                    m.put("after", r.after() == null ? null : FeatureBodies.asJson(r.after()));
                    m.put("restore", self + "/revisions/" + r.number() + "/restore");
                    return m;
                })
                .toList();
        return ResponseEntity.ok()
                .header("Cache-Control", "no-cache")
                .body(Map.of(
                        "featureId",
                        featureId,
                        "revisions",
                        out,
                        "links",
                        List.of(Map.of(
                                "href", self, "rel", "about", "type", GEOJSON.toString(), "title", "The feature"))));
    }

    /**
     * Puts a feature back as it was after revision {@code revision}, deleted or overwritten since:
     * a write like any other (audited, announced, in the caller's provinces, {@code If-Match}
     * required while the feature exists). Restoring the revision that deleted the feature undoes the delete.
     */
    @PostMapping("/collections/{collectionId}/items/{featureId}/revisions/{revision}/restore")
    public ResponseEntity<byte[]> restore(
            @PathVariable String collectionId,
            @PathVariable String featureId,
            @PathVariable String revision,
            HttpServletRequest request) {
        Layer layer = layer(collectionId);
        long number;
        try {
            number = Long.parseLong(revision);
        } catch (NumberFormatException e) {
            throw ApiException.badParameter("revision", "a revision is a whole number from the feature's revisions");
        }
        Revision target = edits.revisions(layer, featureId).stream()
                .filter(r -> r.number() == number)
                .findFirst()
                .orElseThrow(() ->
                        ApiException.notFound("no revision " + revision + " of " + featureId + " in " + layer.id()));
        // a revision that deleted the feature is undone: what it deleted comes back (the layer's first rows have no
        // earlier revision to restore to)
        Feature state = target.after() != null ? target.after() : target.before();
        if (state == null) {
            throw new InvalidFeatureException(
                    List.of(new EditProblem("revision", "revision " + number + " holds no feature to restore")));
        }
        JsonNode body = FeatureBodies.asJson(state);
        String ifMatch = request.getHeader("If-Match");
        Caller caller = caller();
        Feature stored = edits.edit(layer, featureId, caller.name(), current -> {
                    if (current.isPresent()) {
                        precondition(ifMatch(request), current.get());
                        inScope(caller, layer, current.get());
                        kept(layer, current.get());
                    } else if (ifMatch != null && !ifMatch.isBlank()) {
                        throw new ApiException(
                                HttpStatus.PRECONDITION_FAILED,
                                "If-Match",
                                "the feature " + featureId + " does not exist now");
                    }
                    // a restored feature is where it was then: its placement is checked only where the schema asks for
                    // more now
                    inScope(caller, layer, state);
                    Feature next = FeatureValidator.keepingReadOnly(
                            layer, checked(layer, featureId, body, state), current.orElse(null));
                    inScope(caller, layer, next);
                    return Optional.of(next);
                })
                .orElseThrow();
        return written(ResponseEntity.ok(), stored);
    }

    /** A replace or update: the feature must exist, match If-Match and stay in the caller's provinces, before and after. */
    private ResponseEntity<byte[]> change(
            Layer layer, String id, String ifMatch, java.util.function.Function<Feature, Feature> next) {
        Caller caller = caller();
        Feature stored = edits.edit(layer, id, caller.name(), current -> {
                    Feature before =
                            current.orElseThrow(() -> ApiException.notFound("no feature " + id + " in " + layer.id()));
                    precondition(ifMatch, before);
                    inScope(caller, layer, before);
                    kept(layer, before);
                    Feature after = next.apply(before);
                    UnitVersions.startMoved(layer, before, after).ifPresent(p -> {
                        throw new InvalidFeatureException(List.of(p));
                    });
                    inScope(caller, layer, after);
                    return Optional.of(after);
                })
                .orElseThrow();
        return written(ResponseEntity.ok(), stored);
    }

    @ExceptionHandler(InvalidFeatureException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidFeatureException e, HttpServletRequest request) {
        return FeatureBodies.invalid(e, request);
    }

    @ExceptionHandler(EditConflictException.class)
    ResponseEntity<Map<String, Object>> conflict(EditConflictException e, HttpServletRequest request) {
        return problem(HttpStatus.CONFLICT, e.getMessage(), null, request);
    }

    @ExceptionHandler(EditRefusedException.class)
    ResponseEntity<Map<String, Object>> refused(EditRefusedException e, HttpServletRequest request) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage(), "body", request);
    }

    private static ResponseEntity<Map<String, Object>> problem(
            HttpStatus status, String detail, String parameter, HttpServletRequest request) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.body(Problems.of(status, detail, parameter, request)));
    }

    /** A layer that takes writes: a collection of the catalogue, or a table of records. */
    private Layer layer(String id) {
        return catalog.layer(id)
                .filter(Layer::servesItems)
                .orElseThrow(() -> ApiException.notFound("no collection " + id));
    }

    private static Caller caller() {
        return Caller.current()
                .orElseThrow(() -> new ApiException(
                        HttpStatus.UNAUTHORIZED, "Authorization", "this request needs Authorization: Bearer <token>"));
    }

    private static String ifMatch(HttpServletRequest request) {
        String ifMatch = request.getHeader("If-Match");
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiException(
                    HttpStatus.PRECONDITION_REQUIRED,
                    "If-Match",
                    "this write needs If-Match with the feature's "
                            + "current ETag (from GET of the item), so that it cannot overwrite a change it has not seen");
        }
        return ifMatch;
    }

    /** A past version of a unit, and a record of one, is history: 409, whoever asks. */
    private void kept(Layer layer, Feature current) {
        LocalDate today = VietnamCalendar.today();
        UnitVersions.closed(layer, current, today)
                .or(() -> layer.isRecords() ? records.closed(layer, current, today) : Optional.empty())
                .ifPresent(why -> {
                    throw ApiException.conflict(why);
                });
    }

    private static void precondition(String ifMatch, Feature current) {
        if (!ItemTag.matches(ifMatch, current)) {
            throw new ApiException(
                    HttpStatus.PRECONDITION_FAILED,
                    "If-Match",
                    "the feature has changed since that ETag; its ETag is now " + ItemTag.etag(current, "")
                            + ": read it again and apply the change to what it is now");
        }
    }

    /** 403 unless the caller holds every province of the feature (an admin holds all). */
    private void inScope(Caller caller, Layer layer, Feature f) {
        Set<String> codes = layer.isRecords() ? records.provinces(layer, f) : provinces.of(f);
        if (caller.role() != org.ruralatlas.data.account.Role.ADMIN
                && (codes.isEmpty() || !codes.stream().allMatch(caller::covers))) {
            throw new ApiException(
                    HttpStatus.FORBIDDEN,
                    null,
                    caller.name() + " may write in provinces " + String.join(", ", caller.provinces())
                            + " only; feature " + f.id() + " lies in "
                            + (codes.isEmpty() ? "no province" : String.join(", ", codes)));
        }
    }

    /** The body as a GeoJSON Feature object; anything else is 400. */
    private static JsonNode feature(JsonNode body) {
        if (!body.isObject() || !"Feature".equals(body.path("type").asString(null))) {
            throw ApiException.badParameter(
                    "body",
                    "the body must be a GeoJSON Feature: {\"type\": \"Feature\", \"geometry\": …, \"properties\": …}");
        }
        return body;
    }

    /**
     * The feature the body describes, checked against the layer's schema, and a record also against the NTM
     * programme's rules (422 listing every problem).
     */
    private Feature checked(Layer layer, String id, JsonNode body, Feature previous) {
        Feature f = FeatureBodies.checked(validator, layer, id, body, previous);
        if (!layer.isRecords()) {
            return f;
        }
        FeatureValidator.Checked checked = records.check(layer, f);
        if (!checked.valid()) {
            throw new InvalidFeatureException(checked.problems());
        }
        return checked.feature();
    }

    /** The id of a new feature: the body's (id, or the id property), or a natural or new random one. */
    private static String newId(Layer layer, JsonNode body) {
        JsonNode given = body.get("id");
        if (given == null || given.isNull()) {
            given = body.path("properties").get(layer.idProperty());
        }
        if (given == null || given.isNull()) {
            String natural = NtmRecordRules.naturalId(layer, body.path("properties"));
            if (natural != null) {
                return natural;
            }
            byte[] random = new byte[8];
            RANDOM.nextBytes(random);
            return layer.id() + "-" + HexFormat.of().formatHex(random);
        }
        // checked with the rest of the body by FeatureValidator (NEW_ID), every problem listed
        return given.isString() ? given.asString() : "";
    }

    /** The feature as written, with its new ETag. */
    private static ResponseEntity<byte[]> written(ResponseEntity.BodyBuilder builder, Feature f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            GeoJsonWriter.writeFeature(g, f);
        }
        return builder.eTag(ItemTag.etag(f, ""))
                .contentType(GEOJSON)
                .header("Cache-Control", "no-store")
                .body(out.toByteArray());
    }

    private static String itemUrl(Layer layer, String id) {
        return Urls.base() + "/collections/" + layer.id() + "/items/"
                + org.springframework.web.util.UriUtils.encodePathSegment(id, java.nio.charset.StandardCharsets.UTF_8);
    }
}
