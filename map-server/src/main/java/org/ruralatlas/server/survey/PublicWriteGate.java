package org.ruralatlas.server.survey;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.ruralatlas.data.survey.SurveyStore;
import org.ruralatlas.server.cluster.Cluster;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.flow.Allowance;
import org.springframework.http.HttpStatus;

/**
 * The survey's friction for another anonymous public write (proposals from the public): the same
 * {@link ProofOfWork} (the survey store's key and its ledger of used challenges, so a challenge is
 * used once on every server), bound to a scope of the caller's choosing, and two rate limits as the
 * survey has them, per client address and per scope, shared by every server of a PostGIS database
 * ({@link Cluster#allowance}).
 */
public final class PublicWriteGate {

    private final ProofOfWork work;
    private final Allowance perClient;
    private final Allowance perScope;
    private final byte[] clientKey;
    private final List<String> trustedProxies;
    private final String what;

    /**
     * @param name names the rate limits ({@code name-client}, {@code name-scope}) and, in refusals, what is written
     */
    public PublicWriteGate(
            SurveyStore store,
            SurveyProperties surveys,
            Cluster cluster,
            String name,
            int perClientPerHour,
            int perScopePerHour) {
        this.work = new ProofOfWork(
                store.secret("challenge_key"),
                surveys.difficulty(),
                surveys.challengeTtl(),
                Clock.systemUTC(),
                store::useChallenge);
        this.perClient = cluster.allowance(name + "-client", perClientPerHour, perClientPerHour, Duration.ofHours(1));
        this.perScope = cluster.allowance(name + "-scope", perScopePerHour, perScopePerHour, Duration.ofHours(1));
        this.clientKey = store.secret("device_key").getBytes(StandardCharsets.UTF_8);
        this.trustedProxies = surveys.trustedProxies();
        this.what = name;
    }

    public int difficulty() {
        return work.difficulty();
    }

    /** A new challenge for {@code scope} (letters, digits, '-' and '_' only). */
    public String challenge(String scope) {
        return work.challenge(scope);
    }

    /**
     * Lets one write to {@code scope} through, or refuses it as the survey does: 429 (with
     * Retry-After) when the client or the scope sent too many this hour, 409 for a challenge used
     * before, 422 for a missing, foreign, expired or unsolved one. The client's allowance is taken
     * first, so refused attempts count too; a good proof is used up.
     */
    public void admit(HttpServletRequest request, String scope, String challenge, String nonce) {
        long clientWait = perClient.take(ProofOfWork.hmac(clientKey, what + "|" + client(request, trustedProxies)));
        if (clientWait > 0) {
            throw ApiException.retryLater(
                    HttpStatus.TOO_MANY_REQUESTS,
                    clientWait,
                    "too many " + what + "s from this address; try again in " + clientWait + " s");
        }
        String refused = work.refuse(challenge, nonce, scope);
        if (ProofOfWork.ALREADY_USED.equals(refused)) {
            throw new ApiException(HttpStatus.CONFLICT, "challenge", refused);
        }
        if (refused != null) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "nonce", refused);
        }
        long scopeWait = perScope.take(scope);
        if (scopeWait > 0) {
            throw ApiException.retryLater(
                    HttpStatus.TOO_MANY_REQUESTS, scopeWait, "too many " + what + "s here this hour; try again later");
        }
    }

    /** The client's address: the socket's, or the last X-Forwarded-For hop when the socket is a trusted proxy. */
    static String client(HttpServletRequest request, List<String> trustedProxies) {
        String remote = request.getRemoteAddr();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && trustedProxies.contains(remote)) {
            String[] hops = forwarded.split(",");
            return hops[hops.length - 1].strip();
        }
        return remote;
    }
}
