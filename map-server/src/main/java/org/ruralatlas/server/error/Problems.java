package org.ruralatlas.server.error;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 problem details, made one way: {@link ProblemHandler} sends them through Spring MVC,
 * and whatever answers before MVC (the firewall, the admin chain, the admission turnstile, the
 * container's own refusals) writes them here, so every error looks the same whoever refuses.
 */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The headers of a problem's page: HTML, chosen by Accept and Accept-Language, never stored. */
    static final HttpHeaders PAGE_HEADERS = pageHeaders();

    private Problems() {}

    /** A problem of this status; {@code parameter} names the query parameter (or header) at fault, or is null. */
    public static ProblemDetail of(HttpStatusCode status, String detail, String parameter, HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        HttpStatus known = HttpStatus.resolve(status.value());
        p.setTitle(known != null ? known.getReasonPhrase() : "Error");
        if (request != null) {
            p.setInstance(instance(request));
        }
        if (parameter != null) {
            p.setProperty("parameter", parameter);
        }
        return p;
    }

    public static ProblemDetail of(ApiException e, HttpServletRequest request) {
        return of(e.status(), e.getMessage(), e.parameter(), request);
    }

    /**
     * Sends {@code e} as the whole answer, with its headers: its page when the request asks for
     * HTML ({@link ProblemPages}), else problem+json; nothing when the answer has already begun.
     */
    public static void send(
            HttpServletRequest request, HttpServletResponse response, ApiException e, ProblemPages pages)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        e.headers().forEach(response::setHeader);
        ProblemDetail problem = of(e, request);
        byte[] page = pages.page(problem, request);
        if (page == null) {
            if (negotiated(request)) {
                response.addHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT);
            }
            write(response, problem);
            return;
        }
        PAGE_HEADERS.forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        response.setStatus(problem.getStatus());
        response.setContentLength(page.length);
        response.getOutputStream().write(page);
        response.flushBuffer();
    }

    /**
     * Whether the problem's form (page or problem+json) was chosen by the Accept header, as it is
     * unless {@code f} names one: then a cache must keep the JSON apart from the page.
     */
    static boolean negotiated(HttpServletRequest request) {
        return request.getParameter("f") == null;
    }

    private static HttpHeaders pageHeaders() {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.parseMediaType("text/html;charset=UTF-8"));
        h.setVary(java.util.List.of(HttpHeaders.ACCEPT, HttpHeaders.ACCEPT_LANGUAGE));
        h.setCacheControl("no-store");
        return h;
    }

    /** Writes {@code problem} as the body, with its status; the caller has set any other header. */
    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        byte[] body = json(problem);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    public static byte[] json(ProblemDetail p) {
        return JSON.writeValueAsBytes(body(p));
    }

    /** The JSON members, in this order: type (absent for about:blank), title, status, detail, instance, then the extra ones. */
    public static Map<String, Object> body(ProblemDetail p) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (p.getType() != null && !p.getType().toString().equals("about:blank")) {
            m.put("type", p.getType().toString());
        }
        m.put("title", p.getTitle());
        m.put("status", p.getStatus());
        if (p.getDetail() != null) {
            m.put("detail", p.getDetail());
        }
        if (p.getInstance() != null) {
            m.put("instance", p.getInstance().toString());
        }
        if (p.getProperties() != null) {
            m.putAll(p.getProperties());
        }
        return m;
    }

    /** The request's path as the problem's instance; none for a path that is not a valid URI reference. */
    private static URI instance(HttpServletRequest request) {
        try {
            return URI.create(request.getRequestURI());
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
