package org.ruralatlas.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The pages' own files as they are served, read without a browser: one dictionary whose two
 * languages say the same things and that holds every word a page uses; every import names a file
 * and an export that exist; each page preloads exactly its module graph; colours only in
 * palette.js; nothing a strict Content-Security-Policy (script-src 'self') would block; one
 * global. That the pages work is for the browser tests (map-server's ViewerBrowserTest and
 * NtmBrowserTest).
 */
class ClientFilesTest {

    private static final Path ROOT = Path.of("src/main/resources/META-INF/resources");
    /** Pages the server renders name these scripts (TraceController, SurveyController): not in any HTML file here. */
    private static final List<String> SERVER_PAGE_SCRIPTS = List.of("trace.js", "survey.js");

    private static final Pattern IMPORT =
            Pattern.compile("^import\\s+(?:\\{([^}]*)\\}\\s+from\\s+)?'([^']+)';", Pattern.MULTILINE);
    private static final Pattern EXPORT =
            Pattern.compile("^export\\s+(?:async\\s+)?(?:function\\*?|const|let|class)\\s+(\\w+)", Pattern.MULTILINE);
    private static final Pattern WORD_IN_HTML = Pattern.compile("data-i18n(?:-placeholder|-aria)?=\"([^\"]+)\"");
    private static final Pattern WORD_IN_JS = Pattern.compile("\\bt\\(\\s*'([^']+)'");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)\\}");

    private static String read(String file) {
        try {
            return Files.readString(ROOT.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files ending with suffix, by path under the root (with '/'), with their text. */
    private static Map<String, String> files(String suffix) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(ROOT)) {
            all.filter(p -> p.toString().endsWith(suffix)).forEach(p -> {
                String name = ROOT.relativize(p).toString().replace('\\', '/');
                out.put(name, read(name));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static List<String> all(Pattern pattern, String text, int group) {
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(m.group(group));
        }
        return out;
    }

    /** i18n.js's WORDS, plain data in JavaScript's object syntax. */
    private static JsonNode words() {
        Matcher m =
                Pattern.compile("const WORDS = (\\{.*?\\n\\});", Pattern.DOTALL).matcher(read("js/i18n.js"));
        assertThat(m.find()).as("js/i18n.js declares const WORDS = {…};").isTrue();
        JsonMapper lenient = JsonMapper.builder()
                .enable(
                        JsonReadFeature.ALLOW_SINGLE_QUOTES,
                        JsonReadFeature.ALLOW_UNQUOTED_PROPERTY_NAMES,
                        JsonReadFeature.ALLOW_TRAILING_COMMA,
                        JsonReadFeature.ALLOW_JAVA_COMMENTS)
                .build();
        return lenient.readTree(m.group(1));
    }

    @Test
    void bothLanguagesOfTheOneDictionaryHaveTheSameKeysAndPlaceholders() {
        JsonNode words = words();
        assertThat(words.propertyNames()).containsExactly("vi", "en");
        JsonNode vi = words.get("vi");
        JsonNode en = words.get("en");
        assertThat(vi.propertyNames()).hasSizeGreaterThan(50).containsExactlyInAnyOrderElementsOf(en.propertyNames());
        for (String key : vi.propertyNames()) {
            assertThat(vi.get(key).asString()).as("vi " + key).isNotBlank();
            assertThat(en.get(key).asString()).as("en " + key).isNotBlank();
            assertThat(new TreeSet<>(all(PLACEHOLDER, en.get(key).asString(), 1)))
                    .as("placeholders of " + key)
                    .isEqualTo(new TreeSet<>(all(PLACEHOLDER, vi.get(key).asString(), 1)));
        }
    }

    @Test
    void everyWordAPageUsesIsInTheDictionaryAndEveryWordIsUsed() {
        Set<String> used = new TreeSet<>();
        files(".html").values().forEach(html -> used.addAll(all(WORD_IN_HTML, html, 1)));
        files(".js").forEach((name, js) -> {
            if (!name.equals("js/i18n.js")) {
                used.addAll(all(WORD_IN_JS, js, 1));
                // a key made at run time could not be checked here: every t(…) names its key
                assertThat(all(Pattern.compile("\\bt\\(\\s*([^'\\s])"), js, 0))
                        .as(name + ": t(…) with a key that is not a literal")
                        .isEmpty();
            }
        });
        Set<String> known = new TreeSet<>(words().get("vi").propertyNames());
        assertThat(used).as("words the pages use").isNotEmpty().isSubsetOf(known);
        assertThat(known).as("words no page uses").isSubsetOf(used);
    }

    /** The path under the root of what a module imports as spec ('./x.js', '../x.js'). */
    private static String resolve(String module, String spec) {
        Path dir = Path.of(module).getParent();
        return (dir == null ? Path.of(spec) : dir.resolve(spec))
                .normalize()
                .toString()
                .replace('\\', '/');
    }

    /** The modules a module imports (paths under the root), from its import lines. */
    private static List<String> imports(String module) {
        return all(IMPORT, read(module), 2).stream()
                .map(spec -> resolve(module, spec))
                .toList();
    }

    /** A module and all it imports, directly or not. */
    private static Set<String> graph(String entry) {
        Set<String> seen = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(List.of(entry));
        while (!todo.isEmpty()) {
            String m = todo.remove(todo.size() - 1);
            if (seen.add(m)) {
                todo.addAll(imports(m));
            }
        }
        return seen;
    }

    @Test
    void everyImportNamesAnExportOfAFileThatExistsAndIsUsed() {
        Map<String, String> scripts = files(".js");
        scripts.forEach((name, js) -> {
            for (String line : js.lines().filter(l -> l.startsWith("import ")).toList()) {
                assertThat(IMPORT.matcher(line).find())
                        .as(name + ": an import is one line, import { names } from '…'; or import '…';: " + line)
                        .isTrue();
            }
            String body = IMPORT.matcher(js).replaceAll("");
            Matcher m = IMPORT.matcher(js);
            while (m.find()) {
                String target = resolve(name, m.group(2));
                assertThat(scripts).as(name + " imports " + m.group(2)).containsKey(target);
                if (m.group(1) == null) {
                    continue;
                }
                Set<String> exported = new TreeSet<>(all(EXPORT, scripts.get(target), 1));
                for (String spec : m.group(1).split(",")) {
                    String[] parts = spec.trim().split("\\s+as\\s+");
                    assertThat(exported)
                            .as(name + " imports " + parts[0] + " from " + target)
                            .contains(parts[0]);
                    String local = parts[parts.length - 1];
                    assertThat(Pattern.compile("\\b" + local + "\\b")
                                    .matcher(body)
                                    .find())
                            .as(name + " uses what it imports: " + local)
                            .isTrue();
                }
            }
        });
    }

    @Test
    void everyScriptIsAPageEntryOrImportedAndEachPagePreloadsItsWholeModuleGraph() {
        Set<String> reached = new TreeSet<>();
        files(".html").forEach((page, html) -> {
            List<String> modules = all(Pattern.compile("<script type=\"module\" src=\"([^\"]+)\">"), html, 1);
            Set<String> preloaded =
                    new TreeSet<>(all(Pattern.compile("<link rel=\"modulepreload\" href=\"([^\"]+)\">"), html, 1));
            Set<String> needed = new TreeSet<>();
            modules.forEach(m -> needed.addAll(graph(m)));
            needed.removeAll(modules);
            assertThat(preloaded)
                    .as(page + " preloads the modules its scripts import")
                    .isEqualTo(needed);
            reached.addAll(needed);
            reached.addAll(modules);
            all(Pattern.compile("<script src=\"([^\"]+)\">"), html, 1).stream()
                    .filter(s -> !s.startsWith("webjars/"))
                    .forEach(reached::add);
        });
        SERVER_PAGE_SCRIPTS.forEach(s -> reached.addAll(graph(s)));
        assertThat(reached)
                .as("every script is used by a page")
                .containsAll(files(".js").keySet());
        assertThat(files(".js").keySet())
                .as("and every script a page names exists")
                .containsAll(reached);
    }

    @Test
    void coloursAreWrittenOnlyInThePalette() {
        files(".js").forEach((name, js) -> {
            if (!name.equals("js/palette.js")) {
                assertThat(all(Pattern.compile("'#[0-9a-fA-F]{3,8}'|rgba?\\("), js, 0))
                        .as(name)
                        .isEmpty();
            }
        });
    }

    @Test
    void nothingAStrictContentSecurityPolicyWouldBlock() {
        files(".html").forEach((page, html) -> {
            if (html.contains("<script type=\"module\"")) {
                assertThat(html)
                        .as(page + " declares the policy it keeps to")
                        .contains(
                                "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'self'; object-src 'none'; base-uri 'self'\">");
            }
            assertThat(all(Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>"), html, 0))
                    .as(page + ": inline scripts")
                    .isEmpty();
            assertThat(all(Pattern.compile("<[^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE), html, 0))
                    .as(page + ": inline handlers")
                    .isEmpty();
            assertThat(html).as(page).doesNotContainIgnoringCase("javascript:");
        });
        files(".js")
                .forEach((name, js) -> assertThat(js)
                        .as(name)
                        .doesNotContain(
                                "eval(",
                                "new Function",
                                "innerHTML",
                                "outerHTML",
                                "insertAdjacentHTML",
                                "document.write",
                                "setTimeout('",
                                "setInterval('",
                                "setAttribute('style'",
                                "setAttribute('on"));
    }

    @Test
    void theOnlyGlobalIsTheTestingHookAndFilesStaySmall() {
        Set<String> globals = new TreeSet<>();
        files(".js").forEach((name, js) -> {
            globals.addAll(all(Pattern.compile("\\bwindow\\.(\\w+)\\s*=[^=]"), js, 1));
            assertThat(js.lines().count()).as(name + " in lines").isLessThanOrEqualTo(200);
        });
        assertThat(globals).containsExactly("RuralAtlas");
    }
}
