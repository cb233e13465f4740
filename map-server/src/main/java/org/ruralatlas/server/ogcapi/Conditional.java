package org.ruralatlas.server.ogcapi;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ruralatlas.data.io.Sha256;
import org.ruralatlas.server.error.ApiException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The one evaluation of conditional requests (RFC 9110 §13) for every resource the server
 * answers: items, collections, NTM pages, downloads and tiles. A resource is named by its
 * validators (an entity tag, and a last-modification time where it has one); {@link #evaluate}
 * applies the preconditions in the RFC's order: {@code If-Match} (strong comparison), else
 * {@code If-Unmodified-Since}; then {@code If-None-Match} (weak comparison), else
 * {@code If-Modified-Since} on GET and HEAD. {@code If-Range} is {@link #rangeApplies}.
 *
 * <p>Negotiated representations ({@link #of(HttpServletRequest, String, Instant, OutputFormat)})
 * get a weak tag of the data version, the URL, the format and the language, and say
 * {@code Vary: Accept, Accept-Language}, so a shared cache keeps one copy per format and language.
 */
public final class Conditional {

    /** What the preconditions decide. */
    public enum Outcome {
        /** Answer as usual. */
        PROCEED,
        /** 304: the client's copy is current (GET and HEAD only). */
        NOT_MODIFIED,
        /** 412: a precondition the client set does not hold. */
        PRECONDITION_FAILED
    }

    /** The request headers a negotiated representation depends on. */
    public static final String VARY = HttpHeaders.ACCEPT + ", " + HttpHeaders.ACCEPT_LANGUAGE;

    private final String etag;
    private final Instant lastModified;
    private final boolean negotiated;

    private Conditional(String etag, Instant lastModified, boolean negotiated) {
        this.etag = etag;
        this.lastModified = lastModified;
        this.negotiated = negotiated;
    }

    /**
     * A representation chosen by {@code f}/{@code Accept} and the reader's language: a weak tag
     * (a body may differ in its {@code timeStamp} alone) of the data version, the exact URL, the
     * format and the language.
     */
    public static Conditional of(
            HttpServletRequest request, String dataVersion, Instant lastModified, OutputFormat format) {
        String key = dataVersion + "|" + Urls.self(request) + "|" + format + "|" + Language.code(request);
        return new Conditional("W/\"" + Sha256.hex(key, 12) + "\"", lastModified, true);
    }

    /** The one representation of a URL (a DCAT document, a filtered download): a weak tag of the data version and the URL. */
    public static Conditional of(HttpServletRequest request, String dataVersion, Instant lastModified) {
        String key = dataVersion + "|" + Urls.self(request);
        return new Conditional("W/\"" + Sha256.hex(key, 12) + "\"", lastModified, false);
    }

    /** Validators made elsewhere: {@code etag} as the header writes it ({@code "…"} or {@code W/"…"}); no date when null. */
    public static Conditional tagged(String etag, Instant lastModified) {
        return new Conditional(etag, lastModified, false);
    }

    /** A tag made elsewhere for one of several representations chosen by {@code f}/{@code Accept} and language (so with Vary). */
    public static Conditional negotiated(String etag) {
        return new Conditional(etag, null, true);
    }

    public String etag() {
        return etag;
    }

    /** The request's preconditions against these validators, in RFC 9110 §13.2.2's order. */
    public Outcome evaluate(HttpServletRequest request) {
        String ifMatch = request.getHeader(HttpHeaders.IF_MATCH);
        if (ifMatch != null) {
            if (!anyMatches(ifMatch, etag, false)) {
                return Outcome.PRECONDITION_FAILED;
            }
        } else {
            long since = date(request, HttpHeaders.IF_UNMODIFIED_SINCE);
            if (since >= 0 && lastModified != null && seconds(lastModified) > since / 1000) {
                return Outcome.PRECONDITION_FAILED;
            }
        }
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null) {
            if (anyMatches(ifNoneMatch, etag, true)) {
                return read ? Outcome.NOT_MODIFIED : Outcome.PRECONDITION_FAILED;
            }
        } else if (read) {
            long since = date(request, HttpHeaders.IF_MODIFIED_SINCE);
            if (since >= 0 && lastModified != null && seconds(lastModified) <= since / 1000) {
                return Outcome.NOT_MODIFIED;
            }
        }
        return Outcome.PROCEED;
    }

    /**
     * The answer when a precondition decides it: 304 with the validators, or a 412 problem naming
     * the header; empty when the full answer is to be built (then with {@link #on}).
     */
    public <T> Optional<ResponseEntity<T>> notModified(HttpServletRequest request) {
        return switch (evaluate(request)) {
            case PROCEED -> Optional.empty();
            case NOT_MODIFIED ->
                Optional.of(on(ResponseEntity.status(HttpStatus.NOT_MODIFIED)).build());
            case PRECONDITION_FAILED -> throw preconditionFailed(request);
        };
    }

    /** The 412 problem, naming the header that failed. */
    public ApiException preconditionFailed(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.IF_MATCH) != null
                ? HttpHeaders.IF_MATCH
                : request.getHeader(HttpHeaders.IF_UNMODIFIED_SINCE) != null
                                && request.getHeader(HttpHeaders.IF_NONE_MATCH) == null
                        ? HttpHeaders.IF_UNMODIFIED_SINCE
                        : HttpHeaders.IF_NONE_MATCH;
        return ApiException.preconditionFailed(
                header,
                etag,
                header + " does not hold: the resource is now " + etag
                        + (lastModified == null
                                ? ""
                                : ", last modified "
                                        + DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                                lastModified.atZone(ZoneOffset.UTC))));
    }

    /** Adds ETag, Last-Modified, a revalidation policy and, for negotiated answers, Vary. */
    public ResponseEntity.BodyBuilder on(ResponseEntity.BodyBuilder builder) {
        builder.eTag(etag).header(HttpHeaders.CACHE_CONTROL, "no-cache");
        if (lastModified != null) {
            builder.lastModified(lastModified);
        }
        if (negotiated) {
            builder.header(HttpHeaders.VARY, VARY);
        }
        return builder;
    }

    /**
     * {@code If-Range} (RFC 9110 §13.1.5): whether a {@code Range} is to be honoured: no
     * {@code If-Range}, or the current strong tag, or exactly the current Last-Modified date.
     * Otherwise the client's part is of another version and the whole representation is sent.
     */
    public boolean rangeApplies(HttpServletRequest request) {
        String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
        if (ifRange == null) {
            return true;
        }
        String v = ifRange.strip();
        if (v.startsWith("\"") || v.startsWith("W/")) {
            return !isWeak(etag) && v.equals(etag);
        }
        try {
            return lastModified != null
                    && ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                                    .toInstant()
                                    .getEpochSecond()
                            == seconds(lastModified);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * Whether a list header ({@code If-Match}, {@code If-None-Match}) names {@code etag}:
     * {@code *} names any, otherwise each entity tag is compared weakly (opaque parts equal) or
     * strongly (and neither weak). Commas inside a quoted tag are its own; malformed members are skipped.
     */
    public static boolean anyMatches(String header, String etag, boolean weak) {
        for (String tag : entityTags(header)) {
            if (tag.equals("*")) {
                return true;
            }
            if (weak ? opaque(tag).equals(opaque(etag)) : !isWeak(tag) && !isWeak(etag) && tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** The members of an entity-tag list, each as written ({@code "x"}, {@code W/"x"} or {@code *}). */
    public static List<String> entityTags(String header) {
        List<String> tags = new ArrayList<>();
        int i = 0;
        int n = header.length();
        while (i < n) {
            char c = header.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            int start = i;
            if (c == '*') {
                tags.add("*");
                i++;
            } else {
                if (header.startsWith("W/", i)) {
                    i += 2;
                }
                int close = i < n && header.charAt(i) == '"' ? header.indexOf('"', i + 1) : -1;
                if (close > 0) {
                    tags.add(header.substring(start, close + 1));
                    i = close + 1;
                } else if (i < n && header.charAt(i) == '"') {
                    return tags; // an unclosed quote: nothing after it can be read as a tag
                }
            }
            // a malformed member (an unquoted token), or what follows a tag before its comma: skipped
            while (i < n && header.charAt(i) != ',') {
                i++;
            }
        }
        return tags;
    }

    private static boolean isWeak(String tag) {
        return tag.startsWith("W/");
    }

    private static String opaque(String tag) {
        return isWeak(tag) ? tag.substring(2) : tag;
    }

    private static long seconds(Instant t) {
        return Math.floorDiv(t.toEpochMilli(), 1000);
    }

    /** A date header in milliseconds, or -1 when absent or not an HTTP-date (then it is no condition). */
    private static long date(HttpServletRequest request, String name) {
        if (request.getHeader(name) == null) {
            return -1;
        }
        try {
            return request.getDateHeader(name);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
