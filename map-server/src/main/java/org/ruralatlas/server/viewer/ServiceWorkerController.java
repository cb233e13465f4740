package org.ruralatlas.server.viewer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /sw.js}: the viewer's service worker, at the server's root so that its scope covers the
 * viewer ({@code /}) without a {@code Service-Worker-Allowed} header. The script is the web
 * module's {@code org/ruralatlas/web/sw.js} with two values filled in at start: the app shell
 * (the files {@code index.html} loads: its stylesheets, module preloads and scripts, OpenLayers
 * from the webjar included, plus the manifests and icons) and a version made from the bytes of
 * those files and of the script itself. A release that changes any of them changes the script,
 * so browsers install the new worker, which replaces the old shell's cache whole; a release that
 * changes none leaves phones' caches alone. Served {@code no-cache} (revalidated on every check).
 */
@RestController
public class ServiceWorkerController {

    private static final String RESOURCES = "META-INF/resources/";
    private static final Pattern ASSET = Pattern.compile(
            "<link rel=\"(?:stylesheet|modulepreload|manifest)\" href=\"([^\"?#]+)\"|<script [^>]*src=\"([^\"?#]+)\"");
    /** Shell files index.html does not name: the English manifest, the icons, the survey page's script and style (it answers offline). */
    private static final List<String> ALSO = List.of(
            "manifest.en.webmanifest",
            "icons/icon.svg",
            "icons/icon-192.png",
            "icons/icon-512.png",
            "survey.js",
            "survey.css");

    private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=UTF-8");

    private final String script;
    private final String version;
    private final List<String> shell;

    public ServiceWorkerController() {
        this(ServiceWorkerController::bytes);
    }

    /** @param resources the bytes of a class path resource by its name (the tests' stand-in for a release's files) */
    ServiceWorkerController(Function<String, byte[]> resources) {
        String template = new String(resources.apply("org/ruralatlas/web/sw.js"), StandardCharsets.UTF_8);
        Set<String> files = new LinkedHashSet<>();
        files.add("index.html");
        Matcher m = ASSET.matcher(new String(resources.apply(RESOURCES + "index.html"), StandardCharsets.UTF_8));
        while (m.find()) {
            files.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        files.addAll(ALSO);
        MessageDigest digest = sha256();
        digest.update(template.getBytes(StandardCharsets.UTF_8));
        for (String f : files) {
            digest.update(f.getBytes(StandardCharsets.UTF_8));
            digest.update(resources.apply(RESOURCES + f));
        }
        this.version = HexFormat.of().formatHex(digest.digest(), 0, 8);
        this.shell = List.copyOf(new ArrayList<>(files));
        StringBuilder list = new StringBuilder("[");
        shell.forEach(f -> list.append(list.length() > 1 ? ", " : "")
                .append('\'')
                .append(f)
                .append('\''));
        this.script = template.replace("'__VERSION__'", "'" + version + "'")
                .replace("['__SHELL__']", list.append(']').toString());
    }

    /** The shell's version, as the script states it. */
    String version() {
        return version;
    }

    /** The shell's files, relative to the server's root. */
    List<String> shell() {
        return shell;
    }

    /** The script as served. */
    String script() {
        return script;
    }

    @GetMapping("/sw.js")
    public ResponseEntity<String> serviceWorker() {
        return ResponseEntity.ok()
                .contentType(JAVASCRIPT)
                .cacheControl(CacheControl.noCache())
                .eTag("\"" + version + "\"")
                .body(script);
    }

    private static byte[] bytes(String resource) {
        try (InputStream in = ServiceWorkerController.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the viewer's file " + resource + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
