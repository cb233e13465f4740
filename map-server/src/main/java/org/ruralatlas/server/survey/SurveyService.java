package org.ruralatlas.server.survey;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.ruralatlas.data.store.StoreCircuit;
import org.ruralatlas.data.survey.SurveyAggregate;
import org.ruralatlas.data.survey.SurveyResponse;
import org.ruralatlas.data.survey.SurveyStore;
import org.ruralatlas.server.cluster.Cluster;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.flow.Allowance;
import org.ruralatlas.server.ntm.SurveyFigures;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The rules of the public satisfaction survey: one response per device per quarter (a keyed hash
 * of the device's random token, never the token), a proof of work per response, rate limits per
 * client address and per commune (shared by every server of a PostGIS database), and nothing
 * personal stored (no address, no time of day).
 * While the data store is away (its {@link StoreCircuit}), every call is refused at once, but
 * for the aggregates while a standby serves reads.
 */
@Service
public class SurveyService implements SurveyFigures {

    private final SurveyStore store;
    private final StoreCircuit circuit;
    private final Clock clock;
    private final ProofOfWork work;
    private final Allowance perClient;
    private final Allowance perCommune;
    private final byte[] deviceKey;

    public SurveyService(SurveyStore store, SurveyProperties properties, StoreCircuit circuit, Cluster cluster) {
        this.store = store;
        this.circuit = circuit;
        // Vietnam's clock: a quarter starts at midnight there
        this.clock = Clock.system(org.ruralatlas.data.feature.VietnamCalendar.ZONE);
        this.work = new ProofOfWork(
                store.secret("challenge_key"),
                properties.difficulty(),
                properties.challengeTtl(),
                clock,
                store::useChallenge);
        this.perClient = cluster.allowance(
                "survey-client", properties.perIpPerHour(), properties.perIpPerHour(), Duration.ofHours(1));
        this.perCommune = cluster.allowance(
                "survey-commune", properties.perCommunePerHour(), properties.perCommunePerHour(), Duration.ofHours(1));
        this.deviceKey = store.secret("device_key").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The survey period of today: a calendar quarter, e.g. 2026-Q4. */
    @Override
    public String currentPeriod() {
        LocalDate today = LocalDate.now(clock);
        return today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
    }

    public int difficulty() {
        return work.difficulty();
    }

    public String challenge(String commune) {
        return work.challenge(commune);
    }

    /** A response as the form sends it. */
    public record Submission(
            String challenge, String nonce, String device, Integer overall, Map<String, Integer> topics) {}

    /**
     * Validates and stores a response; true when stored, false when this device already answered
     * this period. Refusals are {@link ApiException}s: 400/422 bad input, 409 a challenge used
     * before (here or on another server of the same store), 429 too many.
     */
    public boolean submit(String client, String commune, Submission s) {
        circuit.check();
        long clientWait = perClient.take(ProofOfWork.hmac(deviceKey, "client|" + client));
        if (clientWait > 0) {
            throw ApiException.retryLater(
                    HttpStatus.TOO_MANY_REQUESTS,
                    clientWait,
                    "too many survey responses from this address; try again in " + clientWait + " s");
        }
        if (s.device() == null || !s.device().matches("[A-Za-z0-9_-]{16,128}")) {
            throw ApiException.badParameter(
                    "device", "device must be the form's random device token (16–128 letters, digits, - or _)");
        }
        if (s.overall() == null || s.overall() < 1 || s.overall() > 5) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "overall", "overall must be a rating from 1 to 5");
        }
        Map<String, Integer> topics = s.topics() == null ? Map.of() : s.topics();
        for (Map.Entry<String, Integer> t : topics.entrySet()) {
            if (!SurveyResponse.TOPICS.contains(t.getKey())) {
                throw new ApiException(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "topics",
                        "unknown topic " + t.getKey() + "; the topics are " + SurveyResponse.TOPICS);
            }
            if (t.getValue() != null && (t.getValue() < 1 || t.getValue() > 5)) {
                throw new ApiException(
                        HttpStatus.UNPROCESSABLE_CONTENT, "topics", t.getKey() + " must be a rating from 1 to 5");
            }
        }
        String refused = work.refuse(s.challenge(), s.nonce(), commune);
        if (ProofOfWork.ALREADY_USED.equals(refused)) {
            throw new ApiException(HttpStatus.CONFLICT, "challenge", refused);
        }
        if (refused != null) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "nonce", refused);
        }
        long communeWait = perCommune.take(commune);
        if (communeWait > 0) {
            throw ApiException.retryLater(
                    HttpStatus.TOO_MANY_REQUESTS,
                    communeWait,
                    "this commune's survey is receiving too many responses; try again later");
        }
        String period = currentPeriod();
        SurveyResponse r = new SurveyResponse(
                UUID.randomUUID().toString(),
                period,
                commune,
                LocalDate.now(clock),
                ProofOfWork.hmac(deviceKey, "device|" + period + "|" + s.device()),
                s.overall(),
                new java.util.LinkedHashMap<>(topics));
        boolean stored = store.insert(r);
        if (!stored) {
            perCommune.giveBack(commune);
        }
        return stored;
    }

    @Override
    public List<SurveyAggregate> aggregates(String period, String commune) {
        // read on a standby while one serves, the primary away or not
        circuit.checkRead();
        return store.aggregates(period, commune);
    }

    public void export(String period, String commune, Consumer<SurveyResponse> each) {
        // read on a standby while one serves, like the aggregates
        circuit.checkRead();
        store.export(period, commune, each);
    }
}
