package org.ruralatlas.server.survey;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.VietnamCalendar;
import org.ruralatlas.data.io.CsvRows;
import org.ruralatlas.data.ntm.NtmRecords;
import org.ruralatlas.data.survey.SurveyAggregate;
import org.ruralatlas.data.survey.SurveyResponse;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.ogcapi.Language;
import org.ruralatlas.server.ogcapi.Link;
import org.ruralatlas.server.ogcapi.OutputFormat;
import org.ruralatlas.server.ogcapi.Pages;
import org.ruralatlas.server.ogcapi.QueryParameters;
import org.ruralatlas.server.ogcapi.StreamedBody;
import org.ruralatlas.server.ogcapi.Urls;
import org.ruralatlas.server.ogcapi.Words;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The citizen satisfaction survey of a commune's NTM results: the form page, its proof-of-work
 * challenge, the public response endpoint, the commune's results, and every response as open
 * data (CSV or JSON) without any identifier.
 */
@RestController
public class SurveyController {

    /** Topic labels as the form shows them, vi then en. */
    /** The topics rated, in the form's order; their questions are the labels {@code survey.question.<topic>}. */
    static final List<String> TOPICS = List.of(
            "overall",
            "infrastructure",
            "production_income",
            "environment",
            "culture_education_health",
            "security_order",
            "public_services");

    /** The survey form's page. */
    public record FormPage(
            String code, String name, String province, String period, int difficulty, List<String> topics) {}

    /** A commune's results as a page. */
    public record ResultsPage(String name, Map<String, Object> figures) {}

    private final SurveyService surveys;
    private final NtmRecords records;
    private final SurveyProperties properties;
    private final JsonMapper json;
    private final Pages pages;

    public SurveyController(
            SurveyService surveys, NtmRecords records, SurveyProperties properties, JsonMapper json, Pages pages) {
        this.surveys = surveys;
        this.records = records;
        this.properties = properties;
        this.json = json;
        this.pages = pages;
    }

    /** The current rural commune with this code; surveys are about NTM results, which only rural communes have. */
    private Feature commune(String code) {
        if (!code.matches("\\d{5}")) {
            throw ApiException.notFound("no commune " + code + ": commune codes have 5 digits");
        }
        List<Feature> found = records.list("communes", Map.of("code", code), VietnamCalendar.today());
        if (found.isEmpty()) {
            throw ApiException.notFound("no current commune " + code);
        }
        Feature f = found.get(0);
        if (!"xa".equals(f.properties().get("unit_type"))) {
            throw ApiException.notFound(f.properties().get("name") + " (" + code + ") is not a rural commune (xã): "
                    + "the NTM satisfaction survey is for rural communes");
        }
        return f;
    }

    @QueryParameters({"f", "lang"})
    @GetMapping("/ntm/survey/{code}")
    public ResponseEntity<?> form(@PathVariable String code, HttpServletRequest request) {
        Feature c = commune(code);
        String name = (String) c.properties().get("name");
        String base = Urls.base();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("commune_code", code);
        body.put("commune_name", name);
        body.put("period", surveys.currentPeriod());
        body.put("scale", Map.of("1", "very dissatisfied", "5", "very satisfied", "satisfied", "4 or 5"));
        Map<String, Object> questions = new LinkedHashMap<>();
        Words vi = pages.words(Language.VI);
        Words en = pages.words(Language.EN);
        TOPICS.forEach(k -> questions.put(
                k,
                Map.of(
                        "vi",
                        vi.get("survey.question." + k),
                        "en",
                        en.get("survey.question." + k),
                        "required",
                        k.equals("overall"))));
        body.put("questions", questions);
        body.put(
                "proof_of_work",
                Map.of(
                        "difficulty",
                        surveys.difficulty(),
                        "rule",
                        "find nonce such that SHA-256(challenge + ':' + nonce) starts with difficulty zero bits"));
        body.put(
                "links",
                List.of(
                        new Link(
                                base + "/ntm/survey/" + code + "/challenge",
                                "challenge",
                                "application/json",
                                "A proof-of-work challenge"),
                        new Link(
                                base + "/ntm/survey/" + code + "/responses",
                                "create-form",
                                "application/json",
                                "POST a response here"),
                        new Link(
                                base + "/ntm/survey/" + code + "/results",
                                "results",
                                "application/json",
                                "This commune's results")));
        return pages.answer(
                request,
                surveys.currentPeriod() + "|form|" + code + "|" + surveys.difficulty(),
                java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                body,
                "survey/form.jte",
                new FormPage(
                        code,
                        name,
                        String.valueOf(c.properties().get("province_name")),
                        surveys.currentPeriod(),
                        surveys.difficulty(),
                        TOPICS));
    }

    @GetMapping("/ntm/survey/{code}/challenge")
    public ResponseEntity<Map<String, Object>> challenge(@PathVariable String code) {
        commune(code);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("challenge", surveys.challenge(code));
        body.put("difficulty", surveys.difficulty());
        body.put("algorithm", "SHA-256(challenge + ':' + nonce) with at least difficulty leading zero bits");
        return ResponseEntity.ok()
                .header("Cache-Control", "no-store")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }

    /** A response is a few hundred bytes; anything much larger is refused unread. */
    static final int MAX_BODY = 4096;

    @PostMapping("/ntm/survey/{code}/responses")
    public ResponseEntity<Map<String, Object>> respond(@PathVariable String code, HttpServletRequest request)
            throws java.io.IOException {
        commune(code);
        if (request.getContentLengthLong() > MAX_BODY) {
            throw ApiException.tooLarge("body", "a survey response is at most " + MAX_BODY + " bytes");
        }
        byte[] raw = request.getInputStream().readNBytes(MAX_BODY + 1);
        if (raw.length > MAX_BODY) {
            throw ApiException.tooLarge("body", "a survey response is at most " + MAX_BODY + " bytes");
        }
        SurveyService.Submission submission;
        try {
            submission = raw.length == 0 ? null : json.readValue(raw, SurveyService.Submission.class);
        } catch (tools.jackson.core.JacksonException e) {
            throw ApiException.badParameter(
                    "body",
                    "the body must be a JSON object with challenge, nonce, device, overall "
                            + "and topics (ratings 1–5)");
        }
        if (submission == null) {
            throw ApiException.badParameter(
                    "body", "the body must be a JSON object with challenge, nonce, device, overall and topics");
        }
        boolean stored = surveys.submit(client(request), code, submission);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stored", stored);
        body.put("period", surveys.currentPeriod());
        if (!stored) {
            body.put("detail", "this device has already answered this period; one response per device per quarter");
        }
        body.put("results", results(code));
        return ResponseEntity.status(stored ? HttpStatus.CREATED : HttpStatus.CONFLICT)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }

    @QueryParameters({"f", "lang"})
    @GetMapping("/ntm/survey/{code}/results")
    public ResponseEntity<?> results(@PathVariable String code, HttpServletRequest request) {
        Feature c = commune(code);
        Map<String, Object> body = results(code);
        return pages.answer(
                request,
                "survey|" + code + "|" + body.get("responses") + "|" + body.get("satisfied"),
                java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                body,
                "survey/results.jte",
                new ResultsPage(String.valueOf(c.properties().get("name")), body));
    }

    private Map<String, Object> results(String code) {
        SurveyAggregate agg = surveys.thisPeriod(code);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("commune_code", code);
        body.put("period", agg.period());
        body.put("responses", agg.responses());
        body.put("satisfied", agg.satisfied());
        body.put("satisfaction_pct", agg.satisfactionPct());
        body.put("topic_means", agg.topicMeans());
        body.put("source", "RuralAtlas citizen survey (self-selected online respondents, not a random sample)");
        return body;
    }

    /** Every response of a period as open data: no id, no device hash, only the date, commune and ratings. */
    @QueryParameters({"period", "commune", "f"})
    @GetMapping("/ntm/survey-responses")
    public ResponseEntity<StreamedBody> export(HttpServletRequest request) {
        String period =
                request.getParameter("period") == null ? surveys.currentPeriod() : request.getParameter("period");
        if (!period.matches("\\d{4}-Q[1-4]")) {
            throw ApiException.badParameter("period", "period must look like 2026-Q4");
        }
        String commune = request.getParameter("commune");
        if (commune != null && !commune.matches("\\d{5}")) {
            throw ApiException.badParameter("commune", "commune must be a 5-digit code");
        }
        boolean csv = OutputFormat.of(request, OutputFormat.JSON, OutputFormat.CSV) == OutputFormat.CSV;
        String filename =
                "ruralatlas-survey-" + period + (commune == null ? "" : "-" + commune) + (csv ? ".csv" : ".json");
        StreamedBody body = csv ? out -> writeCsv(period, commune, out) : out -> writeJson(period, commune, out);
        return ResponseEntity.ok()
                .header("Content-Disposition", "inline; filename=\"" + filename + "\"")
                .header("Cache-Control", "no-cache")
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                .contentType(
                        csv
                                ? MediaType.parseMediaType("text/csv;charset=UTF-8;header=present")
                                : MediaType.APPLICATION_JSON)
                .body(body);
    }

    /** The responses as CSV, one row each as the store reads them. */
    private void writeCsv(String period, String commune, OutputStream out) throws IOException {
        List<String> header = new ArrayList<>(List.of("period", "commune_code", "submitted_on", "overall"));
        header.addAll(SurveyResponse.TOPICS);
        CsvRows csvRows = new CsvRows(new OutputStreamWriter(out, StandardCharsets.UTF_8)).row(header);
        List<Object> row = new ArrayList<>(header.size());
        surveys.export(period, commune, r -> {
            row.clear();
            row.addAll(List.of(r.period(), r.communeCode(), r.submittedOn(), r.overall()));
            SurveyResponse.TOPICS.forEach(t -> row.add(r.topics().get(t)));
            try {
                csvRows.row(row);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        csvRows.flush();
    }

    /** The responses as JSON, with their licence and what is left out. */
    private void writeJson(String period, String commune, OutputStream out) {
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringProperty("period", period);
            g.writeStringProperty("licence", "CC-BY-4.0");
            g.writeStringProperty("note", "Anonymous responses: no identifier, no device hash, no address, date only.");
            g.writeName("responses");
            g.writeStartArray();
            surveys.export(period, commune, r -> {
                g.writeStartObject();
                g.writeStringProperty("commune_code", r.communeCode());
                g.writeStringProperty("submitted_on", r.submittedOn().toString());
                g.writeNumberProperty("overall", r.overall());
                for (String t : SurveyResponse.TOPICS) {
                    Integer v = r.topics().get(t);
                    if (v == null) {
                        g.writeNullProperty(t);
                    } else {
                        g.writeNumberProperty(t, v);
                    }
                }
                g.writeEndObject();
            });
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    /** The client's address: the socket's, or the last X-Forwarded-For hop when the socket is a trusted proxy. */
    String client(HttpServletRequest request) {
        return PublicWriteGate.client(request, properties.trustedProxies());
    }
}
