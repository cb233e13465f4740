package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Ten thousand hostile requests across every route ({@link HostileRequests}, seeded: the same
 * requests every run), four connections at a time: no 5xx but a deliberate 503 with Retry-After
 * (or 501 for a method the server does not implement), every error body problem+json whose
 * status is the answer's, no stack trace in a body, and nothing logged as an error or with a
 * stack trace while they run.
 */
interface FuzzContract {

    int REQUESTS = 10_000;
    long SEED = 20_261_130L;
    int CONNECTIONS = 4;

    String url(String path);

    @Test
    default void tenThousandHostileRequestsGetNoServerErrorAndEveryRefusalIsAProblem() throws Exception {
        int port = URI.create(url("/")).getPort();
        JsonNode api;
        try (RawHttp http = new RawHttp(port)) {
            api = http.get("/api").json();
        }
        HostileRequests generator = new HostileRequests(SEED, api, Http.ADMIN_TOKEN);
        List<HostileRequests.Request> requests = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            requests.add(generator.next());
        }
        Map<String, String> failures = new TreeMap<>();
        List<String> logged;
        long start = System.nanoTime();
        try (LogCapture log = new LogCapture()) {
            ExecutorService pool = Executors.newFixedThreadPool(CONNECTIONS);
            try {
                List<Future<Map<String, String>>> parts = new ArrayList<>();
                for (int c = 0; c < CONNECTIONS; c++) {
                    int first = c;
                    parts.add(pool.submit(() -> send(port, requests, first)));
                }
                for (Future<Map<String, String>> part : parts) {
                    part.get().forEach(failures::putIfAbsent);
                }
            } finally {
                pool.shutdownNow();
            }
            logged = log.incidents();
        }
        cancelSeedingJobs(port);
        System.out.printf(
                "fuzz: %d requests in %.1f s, %d distinct failures, %d log incidents%n",
                REQUESTS, (System.nanoTime() - start) / 1e9, failures.size(), logged.size());
        assertThat(failures)
                .as("distinct failures (kind and route) with an example each")
                .isEmpty();
        assertThat(logged)
                .as("errors or stack traces logged while hostile requests ran")
                .isEmpty();
    }

    private static Map<String, String> send(int port, List<HostileRequests.Request> requests, int first) {
        Map<String, String> failures = new TreeMap<>();
        try (RawHttp http = new RawHttp(port)) {
            for (int i = first; i < requests.size(); i += CONNECTIONS) {
                HostileRequests.Request q = requests.get(i);
                String route = q.target()
                        .replaceAll("[?].*", "")
                        .replaceAll("[0-9]+", "N")
                        .replaceAll("a{20,}", "a…");
                RawHttp.Reply r;
                try {
                    r = http.send(q.method(), q.target(), q.headers());
                } catch (RuntimeException e) {
                    failures.putIfAbsent("no answer " + q.method() + " " + route, q + " " + e);
                    continue;
                }
                String problem = check(q, r);
                if (problem != null) {
                    failures.putIfAbsent(
                            problem + " " + q.method() + " " + route,
                            q + " " + String.join(" ", q.headers()) + " -> " + r.status() + " "
                                    + r.header("content-type") + " " + abbreviate(r.text()));
                }
            }
        }
        return failures;
    }

    /** What is wrong with this answer, or null. */
    private static String check(HostileRequests.Request q, RawHttp.Reply r) {
        boolean unknownMethod = !List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE")
                .contains(q.method());
        if (r.status() >= 500
                && !(r.status() == 503 && r.header("Retry-After") != null)
                && !(r.status() == 501 && unknownMethod)) {
            return "server error " + r.status();
        }
        boolean page =
                askedForHtml(q) && String.valueOf(r.header("content-type")).startsWith("text/html");
        if (r.status() >= 400 && !q.method().equals("HEAD") && !page) {
            // a page asked for as HTML (a trace code from a QR label) may say "not found" as a page; anything else is a
            // problem
            if (!r.isProblem()) {
                return "not problem+json";
            }
            JsonNode p;
            try {
                p = r.json();
            } catch (RuntimeException e) {
                return "unreadable problem";
            }
            if (p.path("status").asInt() != r.status()) {
                return "problem status differs";
            }
        }
        String text = r.status() >= 400 ? r.text() : "";
        if (text.contains("\tat ") || text.contains("Exception")) {
            return "stack trace or exception in the body";
        }
        return null;
    }

    private static boolean askedForHtml(HostileRequests.Request q) {
        if (q.target().contains("f=html")) {
            return true;
        }
        for (int i = 0; i < q.headers().length; i += 2) {
            if (q.headers()[i].equals("Accept") && q.headers()[i + 1].contains("html")) {
                return true;
            }
        }
        return false;
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static void cancelSeedingJobs(int port) {
        try (RawHttp http = new RawHttp(port)) {
            JsonNode jobs = http.get("/admin/tiles/jobs", "Authorization", "Bearer " + Http.ADMIN_TOKEN)
                    .json()
                    .path("jobs");
            for (JsonNode job : jobs) {
                http.send(
                        "DELETE",
                        "/admin/tiles/jobs/" + job.get("id").asString(),
                        "Authorization",
                        "Bearer " + Http.ADMIN_TOKEN);
            }
        }
    }
}
