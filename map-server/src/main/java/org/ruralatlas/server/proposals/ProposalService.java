package org.ruralatlas.server.proposals;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.ruralatlas.data.account.Role;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.edit.EditProblem;
import org.ruralatlas.data.edit.FeatureEdits;
import org.ruralatlas.data.edit.FeatureValidator;
import org.ruralatlas.data.edit.Provinces;
import org.ruralatlas.data.edit.UnitVersions;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.VietnamCalendar;
import org.ruralatlas.data.proposal.Proposal;
import org.ruralatlas.data.proposal.ProposalDecidedException;
import org.ruralatlas.data.proposal.ProposalStore;
import org.ruralatlas.data.store.FeatureStore;
import org.ruralatlas.data.store.StoreCircuit;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.features.FeatureBodies;
import org.ruralatlas.server.features.InvalidFeatureException;
import org.ruralatlas.server.features.ItemTag;
import org.ruralatlas.server.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rules of proposals from the public. A proposal is checked as an edit would be (the layer's
 * schema through {@link FeatureValidator}, 422 listing every problem) before it is queued, with
 * its provinces (the feature's, before and after, by {@link Provinces}). A reviewer of every one
 * of them (or an admin) accepts it, which makes it an edit through {@link FeatureEdits} audited as
 * the reviewer's, or rejects it with a reason. A correction is accepted only onto the feature as
 * it was when proposed (409 otherwise: it is not silently applied over a later change); the
 * decision is taken while the store holds the feature, and the queue's status moves once from
 * pending, so of two reviewers deciding at once exactly one succeeds.
 */
@Service
public class ProposalService {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProposalService.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ProposalStore queue;
    private final LayerCatalog catalog;
    private final FeatureStore features;
    private final FeatureEdits edits;
    private final FeatureValidator validator;
    private final Provinces provinces;
    private final StoreCircuit circuit;

    public ProposalService(
            ProposalStore queue,
            LayerCatalog catalog,
            FeatureStore features,
            FeatureEdits edits,
            FeatureValidator validator,
            Provinces provinces,
            StoreCircuit circuit) {
        this.queue = queue;
        this.catalog = catalog;
        this.features = features;
        this.edits = edits;
        this.validator = validator;
        this.provinces = provinces;
        this.circuit = circuit;
    }

    /**
     * Checks and queues a proposal for {@code layer}: {@code body} is a GeoJSON Feature; with the
     * {@code id} of an existing feature, a correction of it (a JSON Merge Patch: the properties it
     * names replace the feature's, null removes one, and its geometry, when given, replaces the
     * feature's), else a new feature whose id the server gives.
     */
    public Proposal propose(Layer layer, JsonNode body, String comment) {
        circuit.check();
        JsonNode given = body.get("id");
        Proposal p =
                given == null || given.isNull() ? newFeature(layer, body, comment) : correction(layer, body, comment);
        queue.add(p);
        return p;
    }

    private Proposal newFeature(Layer layer, JsonNode body, String comment) {
        JsonNode props = body.get("properties");
        if (props != null && props.isObject() && props.has(layer.idProperty())) {
            throw new InvalidFeatureException(List.of(new EditProblem(
                    layer.idProperty(), "a new feature's id is given when it is accepted; leave it out")));
        }
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        String id = layer.id() + "-" + HexFormat.of().formatHex(random);
        ObjectNode feature = JSON.createObjectNode().put("type", "Feature");
        feature.set("geometry", body.get("geometry"));
        feature.set("properties", props);
        Feature next = FeatureBodies.checked(validator, layer, id, feature, null);
        return Proposal.pending(
                newProposalId(), layer.id(), id, false, feature.toString(), comment, null, codes(next), Instant.now());
    }

    private Proposal correction(Layer layer, JsonNode body, String comment) {
        JsonNode given = body.get("id");
        String id = given.isString() ? given.asString() : "";
        Feature current = id.isEmpty() ? null : features.get(layer, id).orElse(null);
        if (current == null) {
            throw ApiException.notFound("no feature " + (id.isEmpty() ? given.toString() : id) + " in " + layer.id()
                    + " to correct; leave id out to propose a new feature");
        }
        ObjectNode patch = JSON.createObjectNode().put("type", "Feature").put("id", id);
        if (body.has("geometry") && !body.get("geometry").isNull()) {
            patch.set("geometry", body.get("geometry"));
        }
        JsonNode props = body.get("properties");
        if (props != null && !props.isNull() && !props.isObject()) {
            throw new InvalidFeatureException(
                    List.of(new EditProblem("properties", "properties must be a JSON object")));
        }
        patch.set("properties", props == null || props.isNull() ? JSON.createObjectNode() : props);
        Feature next = corrected(layer, patch, current);
        Set<String> codes = new TreeSet<>(codes(current));
        codes.addAll(codes(next));
        return Proposal.pending(
                newProposalId(),
                layer.id(),
                id,
                true,
                patch.toString(),
                comment,
                ItemTag.digest(current),
                List.copyOf(codes),
                Instant.now());
    }

    /** {@code patch} applied to {@code current}, checked: 409 for a past version, 422 for a bad or empty change. */
    private Feature corrected(Layer layer, JsonNode patch, Feature current) {
        UnitVersions.closed(layer, current, VietnamCalendar.today()).ifPresent(why -> {
            throw ApiException.conflict(why);
        });
        JsonNode before = FeatureBodies.asJson(current);
        JsonNode merged = FeatureBodies.mergePatch(before, patch);
        Feature next = FeatureBodies.checked(validator, layer, current.id(), merged, current);
        UnitVersions.startMoved(layer, current, next).ifPresent(p -> {
            throw new InvalidFeatureException(List.of(p));
        });
        if (FeatureBodies.asJson(next).equals(before)) {
            throw new InvalidFeatureException(
                    List.of(new EditProblem("properties", "the correction changes nothing of " + current.id())));
        }
        return next;
    }

    private List<String> codes(Feature f) {
        return List.copyOf(provinces.of(f));
    }

    private static String newProposalId() {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        return "p-" + HexFormat.of().formatHex(random);
    }

    /** The proposal {@code id}; 404 when there is none. */
    public Proposal find(String id) {
        return (id.length() > 64 ? Optional.<Proposal>empty() : queue.find(id))
                .orElseThrow(() -> ApiException.notFound("no proposal " + id));
    }

    /** True when {@code caller} may judge {@code p}: an admin, or a reviewer of each of its provinces. */
    public static boolean judges(Caller caller, Proposal p) {
        return caller.role() == Role.ADMIN
                || !p.provinces().isEmpty() && p.provinces().stream().allMatch(caller::reviews);
    }

    /** The proposals of {@code status} that {@code caller} judges, in queue order after {@code after}. */
    public List<Proposal> queue(Caller caller, String status, long after, int limit) {
        circuit.check();
        return queue.list(status, caller.role() == Role.ADMIN ? null : caller.provinces(), after, limit);
    }

    /** Rejects the proposal {@code id} for {@code reason}: 403 outside the caller's provinces, 409 once decided. */
    public Proposal reject(Caller caller, String id, String reason) {
        circuit.check();
        Proposal p = judged(caller, id);
        if (!queue.decide(p.id(), Proposal.REJECTED, caller.name(), reason, Instant.now())) {
            throw decided(p.id());
        }
        return find(id);
    }

    /**
     * Accepts the proposal {@code id}: in one edit of the store, while it holds the feature, the
     * proposal is applied to the feature as it is (409 when a correction's feature changed since,
     * or a new feature's id is taken; 422 when it no longer fits the schema) and, in the same
     * transaction, the proposal is marked accepted with the edit's revision (409 when another
     * reviewer decided first). Both commit or neither does, so a crash or a failure anywhere leaves
     * no edit of a pending proposal (which a second acceptance could apply again) and no accepted
     * proposal without its edit ({@link ProposalStore#acceptance}).
     */
    public Accepted accept(Caller caller, String id) {
        circuit.check();
        Proposal p = judged(caller, id);
        Layer layer = catalog.layer(p.layer())
                .orElseThrow(() -> ApiException.conflict("the collection " + p.layer() + " is no longer served"));
        Instant at = Instant.now();
        ProposalStore.Acceptance decision = queue.acceptance(p.id(), caller.name(), at);
        Feature stored;
        try {
            stored = edits.edit(
                            layer,
                            p.featureId(),
                            caller.name(),
                            current -> Optional.of(applied(layer, p, current)),
                            decision)
                    .orElseThrow();
        } catch (ProposalDecidedException e) {
            throw reconciled(decided(p.id()));
        } catch (RuntimeException e) {
            // refused: perhaps because it was accepted already, and the queue's copy of that was lost
            throw reconciled(e);
        }
        if (decision.revision() == 0) {
            throw ApiException.conflict("the proposal " + p.id() + " changes nothing of the feature as it is now");
        }
        Proposal decided = p.decided(Proposal.ACCEPTED, caller.name(), at, null, decision.revision());
        try {
            queue.accepted(p.id(), caller.name(), at, decision.revision());
        } catch (RuntimeException e) {
            // the decision is committed with the edit; the queue's copy is made again at the next start
            LOG.warn(
                    "proposal {} accepted (revision {}), its copy in the queue is left to the next start: {}",
                    id,
                    decision.revision(),
                    e.toString());
        }
        return new Accepted(decided, stored);
    }

    /** {@code e}, once the queue has copied the decisions it may have lost (its failure suppressed in {@code e}). */
    private RuntimeException reconciled(RuntimeException e) {
        try {
            queue.reconcile();
        } catch (RuntimeException again) {
            e.addSuppressed(again);
        }
        return e;
    }

    /** What an acceptance wrote: the proposal as decided, and the feature as stored. */
    public record Accepted(Proposal proposal, Feature feature) {}

    /** The proposal as it applies to the feature as it is now. */
    private Feature applied(Layer layer, Proposal p, Optional<Feature> current) {
        JsonNode body = JSON.readTree(p.feature());
        if (!p.correction()) {
            if (current.isPresent()) {
                throw ApiException.conflict("a feature " + p.featureId() + " exists already in " + layer.id());
            }
            return FeatureBodies.checked(validator, layer, p.featureId(), body, null);
        }
        Feature now = current.orElseThrow(() -> ApiException.conflict(
                "the feature " + p.featureId() + " was deleted since the proposal was made; reject it"));
        if (!ItemTag.digest(now).equals(p.baseDigest())) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    null,
                    "the feature " + p.featureId() + " has changed since the proposal was made (its ETag is now "
                            + ItemTag.etag(now, "") + "): compare it, then reject the proposal or edit the feature");
        }
        return corrected(layer, body, now);
    }

    private Proposal judged(Caller caller, String id) {
        Proposal p = find(id);
        if (!judges(caller, p)) {
            throw new ApiException(
                    HttpStatus.FORBIDDEN,
                    null,
                    caller.name() + " reviews proposals in provinces " + String.join(", ", caller.provinces())
                            + " only; proposal " + id + " concerns "
                            + (p.provinces().isEmpty() ? "no province" : String.join(", ", p.provinces())));
        }
        if (!Proposal.PENDING.equals(p.status())) {
            throw decided(id);
        }
        return p;
    }

    private static ApiException decided(String id) {
        return ApiException.conflict("the proposal " + id + " has been decided already");
    }
}
