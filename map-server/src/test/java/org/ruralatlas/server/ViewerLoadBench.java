package org.ruralatlas.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The viewer's load in headless Chromium, a reference build against the current one in the same
 * run, rounds interleaved (bench/viewer.sh starts both servers and runs this; it is not a test
 * and CI does not run it). Per load: first layers drawn (the viewer's own metric: the first frame
 * after the first tile arrived, from navigation start), DOMContentLoaded, and the bytes of the
 * page's own scripts as transferred (gzip when the server compresses), cold (a fresh profile)
 * and warm (the same browser again: every file revalidated, 304).
 */
class ViewerLoadBench {

    /** The viewer's metrics: RuralAtlas.testing.metrics now, RuralAtlas.metrics before the ES modules. */
    private static final String METRICS = "((RuralAtlas.testing && RuralAtlas.testing.metrics) || RuralAtlas.metrics)";

    private static final String RESOURCES = "var own = performance.getEntriesByType('resource').filter(function (r) {"
            + " return /\\.js$/.test(new URL(r.name).pathname) && r.name.indexOf('/webjars/') < 0; });"
            + "return [own.reduce(function (n, r) { return n + r.encodedBodySize; }, 0), own.length,"
            + " Math.round(performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd)];";

    private record Load(long firstDraw, long warmFirstDraw, long domContentLoaded, long ownJsBytes, long ownJsFiles) {}

    /** Waits for the first draw, up to a minute (the machine may be loaded). */
    private static void drawn(Chromium c) {
        new WebDriverWait(c.browser(), Duration.ofSeconds(60), Duration.ofMillis(20))
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d)
                        .executeScript(
                                "try { return " + METRICS + ".firstDrawMs !== null; } catch (e) { return false; }")));
    }

    private static Load load(String base, String hash) throws Exception {
        try (Chromium c = new Chromium("1280,800", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1")) {
            JavascriptExecutor js = c.browser();
            c.browser().get(base + "/" + hash);
            drawn(c);
            long first = ((Number) js.executeScript("return " + METRICS + ".firstDrawMs;")).longValue();
            List<?> r = (List<?>) js.executeScript(RESOURCES);
            c.browser().get("about:blank");
            c.browser().get(base + "/" + hash);
            drawn(c);
            long warm = ((Number) js.executeScript("return " + METRICS + ".firstDrawMs;")).longValue();
            return new Load(
                    first,
                    warm,
                    ((Number) r.get(2)).longValue(),
                    ((Number) r.get(0)).longValue(),
                    ((Number) r.get(1)).longValue());
        }
    }

    @Test
    void compare() throws Exception {
        Map<String, String> servers = SideBySide.servers();
        int rounds = Integer.getInteger("bench.rounds", 7);
        String hash = "#map=12/21.39/106.16";
        for (String base : servers.values()) {
            load(base, hash); // unmeasured: the server's first answers (JIT, caches)
        }
        Map<String, List<Load>> loads = SideBySide.rounds(servers, rounds, base -> load(base, hash));
        for (String name : List.of("reference", "current")) {
            List<Load> l = loads.get(name);
            System.out.printf(
                    "viewer-bench %-9s first layers drawn %5d ms (warm %5d ms), DOMContentLoaded %5d ms, own scripts %2d files %6d bytes transferred%n",
                    name,
                    SideBySide.median(l, Load::firstDraw),
                    SideBySide.median(l, Load::warmFirstDraw),
                    SideBySide.median(l, Load::domContentLoaded),
                    SideBySide.median(l, Load::ownJsFiles),
                    SideBySide.median(l, Load::ownJsBytes));
            System.out.println("viewer-bench " + name + " first draws "
                    + l.stream().map(Load::firstDraw).toList());
        }
        List<Load> ref = loads.get("reference");
        List<Load> cur = loads.get("current");
        System.out.printf(
                "viewer-bench ratio current/reference: first layers drawn %.2f, warm %.2f, DOMContentLoaded %.2f, own script bytes %.2f%n",
                (double) SideBySide.median(cur, Load::firstDraw) / SideBySide.median(ref, Load::firstDraw),
                (double) SideBySide.median(cur, Load::warmFirstDraw) / SideBySide.median(ref, Load::warmFirstDraw),
                (double) SideBySide.median(cur, Load::domContentLoaded)
                        / SideBySide.median(ref, Load::domContentLoaded),
                (double) SideBySide.median(cur, Load::ownJsBytes) / SideBySide.median(ref, Load::ownJsBytes));
    }
}
