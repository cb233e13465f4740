package org.ruralatlas.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Saving Bắc Ninh for offline use (every layer's tiles at zooms 6-14, its features and its
 * communes' NTM answers) in headless Chromium on an emulated rural link, a reference build's web
 * files against the current ones in the same run, rounds interleaved ({@code WHAT=offline
 * bench/viewer.sh} starts both servers and runs this; it is not a test and CI does not run it).
 * The link: {@code bench.latency} ms added to each request (default 300) and {@code bench.kbps}
 * each way (default 1600), DevTools' network emulation. Per save: the viewer's own time
 * ({@code lastSave.ms}) and the requests the page made.
 */
class OfflineSaveBench {

    private record Save(long ms, long requests, long bytes) {}

    private static Save save(String base, int latency, int kbps) throws Exception {
        try (Chromium c = new Chromium("1280,800", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1")) {
            ChromeDriver b = c.browser();
            JavascriptExecutor js = b;
            b.get(base + "/#map=9/21.2/106.2");
            c.waitUntil("navigator.serviceWorker.controller !== null && RuralAtlas.testing.offline.version !== null");
            b.executeCdpCommand("Network.enable", Map.of());
            b.executeCdpCommand(
                    "Network.emulateNetworkConditions",
                    Map.of(
                            "offline",
                            false,
                            "latency",
                            latency,
                            "downloadThroughput",
                            kbps * 125,
                            "uploadThroughput",
                            kbps * 125));
            long before =
                    ((Number) js.executeScript("return performance.getEntriesByType('resource').length;")).longValue();
            js.executeScript("performance.setResourceTimingBufferSize(100000);"
                    + "RuralAtlas.testing.saveArea('province=' + encodeURIComponent('Bắc Ninh'), 'Bắc Ninh');");
            new WebDriverWait(b, Duration.ofMinutes(15), Duration.ofMillis(200))
                    .until(
                            d -> Boolean.TRUE.equals(
                                    js.executeScript(
                                            "return RuralAtlas.testing.offline.lastSave !== null && RuralAtlas.testing.offline.saving === null;")));
            @SuppressWarnings("unchecked")
            Map<String, Object> saved =
                    (Map<String, Object>) js.executeScript("return RuralAtlas.testing.offline.lastSave;");
            long after =
                    ((Number) js.executeScript("return performance.getEntriesByType('resource').length;")).longValue();
            return new Save(
                    ((Number) saved.get("ms")).longValue(), after - before, ((Number) saved.get("bytes")).longValue());
        }
    }

    @Test
    void compare() throws Exception {
        int rounds = Integer.getInteger("bench.rounds", 3);
        int latency = Integer.getInteger("bench.latency", 300);
        int kbps = Integer.getInteger("bench.kbps", 1600);
        Map<String, List<Save>> saves =
                SideBySide.rounds(SideBySide.servers(), rounds, base -> save(base, latency, kbps));
        for (String name : List.of("reference", "current")) {
            List<Save> s = saves.get(name);
            System.out.printf(
                    "viewer-bench offline %-9s Bắc Ninh z6-14 saved in %6d ms, %5d requests, %8d bytes stored (%d ms latency, %d kbit/s); saves %s%n",
                    name,
                    SideBySide.median(s, Save::ms),
                    SideBySide.median(s, Save::requests),
                    SideBySide.median(s, Save::bytes),
                    latency,
                    kbps,
                    s.stream().map(Save::ms).toList());
        }
        System.out.printf(
                "viewer-bench offline ratio current/reference: time %.2f, requests %.2f%n",
                (double) SideBySide.median(saves.get("current"), Save::ms)
                        / SideBySide.median(saves.get("reference"), Save::ms),
                (double) SideBySide.median(saves.get("current"), Save::requests)
                        / SideBySide.median(saves.get("reference"), Save::requests));
    }
}
