package org.ruralatlas.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntFunction;

/**
 * Clients that keep requesting while a test takes the data store away and brings it back, and
 * what each answer was: when it was sent (ms since the recorder started), how long it took, its
 * status, Retry-After and content type.
 */
final class OutageRecorder implements AutoCloseable {

    /** One answer. */
    record Answer(
            String kind, String path, long sentMs, long tookMs, int status, String retryAfter, String contentType) {
        boolean problem503() {
            return status == 503 && !retryAfter.isEmpty() && contentType.startsWith("application/problem+json");
        }
    }

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final long start = System.nanoTime();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    OutageRecorder(String base) {
        this.base = base;
    }

    /** Milliseconds since the recorder started. */
    long now() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** A client sending {@code paths.apply(i)} for i = 0, 1, 2… with {@code pauseMs} between answers. */
    void client(String kind, IntFunction<String> paths, long pauseMs) {
        Thread t = new Thread(
                () -> {
                    for (int i = 0; running; i++) {
                        String path = paths.apply(i);
                        long sent = now();
                        try {
                            HttpResponse<byte[]> r = client.send(
                                    HttpRequest.newBuilder(URI.create(base + path))
                                            .timeout(Duration.ofSeconds(10))
                                            .header("Accept", "application/json")
                                            .build(),
                                    HttpResponse.BodyHandlers.ofByteArray());
                            answers.add(new Answer(
                                    kind,
                                    path,
                                    sent,
                                    now() - sent,
                                    r.statusCode(),
                                    r.headers().firstValue("Retry-After").orElse(""),
                                    r.headers().firstValue("Content-Type").orElse("")));
                        } catch (java.io.IOException e) {
                            answers.add(new Answer(kind, path, sent, now() - sent, -1, "", e.toString()));
                        } catch (InterruptedException e) {
                            return;
                        }
                        try {
                            Thread.sleep(pauseMs);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "outage-client-" + kind);
        t.setDaemon(true);
        threads.add(t);
        t.start();
    }

    List<Answer> answers(String kind) {
        return answers.stream().filter(a -> a.kind().equals(kind)).toList();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(15_000);
        }
    }
}
