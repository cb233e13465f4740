package org.ruralatlas.server.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Issue 19: the service worker's version is the viewer's shell: a release that changes any file the
 * viewer loads (so a phone must not keep the old one) changes the script, and so replaces the
 * installed shell; a release that changes none of them leaves the script, and phones' caches, alone.
 */
class ServiceWorkerControllerTest {

    private static byte[] resource(String name) {
        try (InputStream in = ServiceWorkerControllerTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The release's files, with one of them changed. */
    private static Function<String, byte[]> changed(String file) {
        return name -> {
            byte[] b = resource(name);
            if (name.equals("META-INF/resources/" + file) || name.equals(file)) {
                byte[] c = java.util.Arrays.copyOf(b, b.length + 1);
                c[b.length] = '\n';
                return c;
            }
            return b;
        };
    }

    @Test
    void theShellIsWhatTheViewerLoadsAndTheScriptNamesIt() {
        ServiceWorkerController sw = new ServiceWorkerController();
        assertThat(sw.shell())
                .contains(
                        "index.html",
                        "viewer.js",
                        "viewer.css",
                        "webjars/ol/10.7.0/dist/ol.js",
                        "webjars/ol/10.7.0/ol.css",
                        "js/i18n.js",
                        "js/text.js",
                        "js/viewer/offline.js",
                        "js/viewer/offline-store.js",
                        "manifest.webmanifest",
                        "manifest.en.webmanifest",
                        "icons/icon-192.png",
                        "icons/icon-512.png",
                        "survey.js")
                .doesNotHaveDuplicates();
        assertThat(sw.version()).matches("[0-9a-f]{16}");
        assertThat(sw.script())
                .contains("const VERSION = '" + sw.version() + "';", "'webjars/ol/10.7.0/dist/ol.js'")
                .doesNotContain("__VERSION__", "__SHELL__");
        assertThat(sw.serviceWorker().getHeaders().getCacheControl()).isEqualTo("no-cache");
        assertThat(sw.serviceWorker().getHeaders().getContentType().toString()).startsWith("text/javascript");
    }

    @Test
    void aReleaseChangingAShellFileChangesTheVersionAndOnlyThen() {
        String today = new ServiceWorkerController().version();
        assertThat(new ServiceWorkerController(ServiceWorkerControllerTest::resource).version())
                .isEqualTo(today);
        for (String file : new String[] {
            "js/viewer/offline.js",
            "index.html",
            "viewer.css",
            "webjars/ol/10.7.0/dist/ol.js",
            "org/ruralatlas/web/sw.js",
            "icons/icon-192.png"
        }) {
            assertThat(new ServiceWorkerController(changed(file)).version())
                    .as(file)
                    .isNotEqualTo(today);
        }
        // a page the viewer does not load
        assertThat(new ServiceWorkerController(changed("planner.js")).version()).isEqualTo(today);
    }
}
