package org.ruralatlas.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A minimal W3C WebDriver client for headless Chromium through chromedriver (Debian
 * chromium-driver): enough to open a page, click, and read text, as a person would.
 */
final class WebDriver implements AutoCloseable {

    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process driver;
    private final String base;
    private final String session;
    private final Path profile;
    private final HttpClient client = HttpClient.newHttpClient();

    WebDriver() throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        driver = new ProcessBuilder("chromedriver", "--port=" + port, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        base = "http://127.0.0.1:" + port;
        for (int i = 0; i < 100 && !ready(); i++) {
            Thread.sleep(100);
        }
        profile = Files.createTempDirectory("ruralatlas-webdriver-");
        Map<String, Object> options = Map.of("binary", "/usr/bin/chromium", "args", List.of("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--window-size=412,900"));
        JsonNode created = send("POST", "/session", Map.of("capabilities", Map.of("alwaysMatch",
                Map.of("browserName", "chrome", "goog:chromeOptions", options))));
        session = created.get("value").get("sessionId").asString();
    }

    private boolean ready() {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private JsonNode send(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("WebDriver " + method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    void open(String url) throws IOException, InterruptedException {
        send("POST", "/session/" + session + "/url", Map.of("url", url));
    }

    private String find(String css) throws IOException, InterruptedException {
        JsonNode found = send("POST", "/session/" + session + "/element", Map.of("using", "css selector", "value", css));
        JsonNode id = found.get("value").get(ELEMENT);
        if (id == null) {
            throw new IllegalStateException("WebDriver found no element " + css + ": " + found);
        }
        return id.asString();
    }

    void click(String css) throws IOException, InterruptedException {
        send("POST", "/session/" + session + "/element/" + find(css) + "/click", Map.of());
    }

    String text(String css) throws IOException, InterruptedException {
        return send("GET", "/session/" + session + "/element/" + find(css) + "/text", null).get("value").asString();
    }

    /** The element's text once it contains {@code expected}, waiting at most {@code seconds}. */
    String waitForText(String css, String expected, int seconds) throws IOException, InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        String t = text(css);
        while (!t.contains(expected) && System.nanoTime() < end) {
            Thread.sleep(100);
            t = text(css);
        }
        return t;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            send("DELETE", "/session/" + session, null);
        } finally {
            driver.destroy();
            driver.waitFor();
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
