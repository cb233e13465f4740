package org.ruralatlas.server.ntm;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.ogcapi.KnownTags;
import org.ruralatlas.server.ogcapi.OutputFormat;
import org.ruralatlas.server.ogcapi.Pages;
import org.ruralatlas.server.ogcapi.QueryParameters;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /ntm/communes?codes=…}: the NTM answers of many communes in one, for saving an area for
 * offline use: a phone on a rural connection pays a round trip per request, and a province has a
 * hundred communes, most made from pre-2025 units. Per code, in the order asked: what
 * {@code /ntm/communes/{code}} answers ({@code commune}) and, for a commune made from pre-2025
 * units, what its history answers ({@code history}), under one {@code tag} of both by their
 * content. With {@code known} (the tags the client holds, one per code, empty for none) a commune
 * still so tagged is {@code "status": 304} without its answers; a code that names no current
 * commune is {@code "status": 404} with the reason, as its own URL would say.
 */
@RestController
public class CommuneBatchController {

    /** Codes in one request: a province's communes in a few requests, an answer of a few hundred KB. */
    static final int MAX_CODES = 100;

    private final CommuneAnswers answers;

    /** One commune's part of the answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Part(String code, int status, String tag, CommuneJson commune, HistoryJson history, String detail) {}

    /** The answer: the parts, in the order of the codes. */
    public record Batch(List<Part> communes) {}

    public CommuneBatchController(CommuneAnswers answers) {
        this.answers = answers;
    }

    @QueryParameters({"codes", "known", "f"})
    @GetMapping("/ntm/communes")
    public ResponseEntity<Batch> batch(@RequestParam Map<String, String> params, HttpServletRequest request) {
        OutputFormat.of(request, OutputFormat.JSON); // JSON only: another f is a 400 naming it
        List<String> codes = codes(params.get("codes"));
        List<String> known = KnownTags.parse(params.get("known"), codes.size(), "communes");
        List<Part> parts = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            parts.add(part(codes.get(i), known.get(i)));
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore())
                .body(new Batch(parts));
    }

    private Part part(String code, String known) {
        CommuneAnswers.PictureAndHistory both;
        try {
            both = answers.pictureAndHistory(code);
        } catch (ApiException e) {
            if (e.status() != HttpStatus.NOT_FOUND) {
                throw e;
            }
            return new Part(code, 404, null, null, null, e.getMessage());
        }
        CommuneJson commune = both.commune();
        HistoryJson history = both.history();
        String tag = Pages.contentTag(new Object[] {commune, history});
        return tag.equals(known)
                ? new Part(code, 304, '"' + tag + '"', null, null, null)
                : new Part(code, 200, '"' + tag + '"', commune, history, null);
    }

    /**
     * The codes asked: 1 to MAX_CODES of them, comma-separated, none empty, each asked once (400 naming {@code codes}
     * otherwise).
     */
    static List<String> codes(String text) {
        if (text == null || text.isBlank()) {
            throw ApiException.badParameter("codes", "codes is required: commune codes, comma-separated");
        }
        String[] items = text.split(",", -1);
        if (items.length > MAX_CODES) {
            throw ApiException.badParameter(
                    "codes", "codes holds " + items.length + " communes: at most " + MAX_CODES + " in one request");
        }
        LinkedHashSet<String> codes = new LinkedHashSet<>();
        for (String item : items) {
            if (item.isBlank()) {
                throw ApiException.badParameter(
                        "codes", "codes holds an empty code: give codes separated by single commas");
            }
            if (!codes.add(item.strip())) {
                throw ApiException.badParameter("codes", "codes holds " + shown(item) + " twice");
            }
        }
        return List.copyOf(codes);
    }

    private static String shown(String item) {
        return "'" + (item.length() > 20 ? item.substring(0, 20) + "…" : item) + "'";
    }
}
