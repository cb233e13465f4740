package org.ruralatlas.server.ogcapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.context.MessageSource;

/** The two label bundles say the same things: the same keys, each with the same placeholders. */
class MessagesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");

    private static Properties bundle(String lang) throws IOException {
        Properties p = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/messages_" + lang + ".properties")) {
            assertThat(in).as("messages_" + lang + ".properties").isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static Map<String, Set<String>> placeholders(Properties p) {
        Map<String, Set<String>> all = new TreeMap<>();
        for (String key : p.stringPropertyNames()) {
            Set<String> found = new TreeSet<>();
            Matcher m = PLACEHOLDER.matcher(p.getProperty(key));
            while (m.find()) {
                found.add(m.group());
            }
            all.put(key, found);
        }
        return all;
    }

    @Test
    void bothLanguagesHaveTheSameKeysAndPlaceholders() throws IOException {
        Map<String, Set<String>> vi = placeholders(bundle("vi"));
        Map<String, Set<String>> en = placeholders(bundle("en"));
        assertThat(en.keySet()).as("keys").containsExactlyElementsOf(vi.keySet());
        assertThat(en).as("placeholders of each key").isEqualTo(vi);
        assertThat(vi).isNotEmpty();
    }

    @Test
    void noLabelIsEmptyAndPlaceholdersAreNotBrokenByQuotes() throws IOException {
        for (String lang : new String[] {"vi", "en"}) {
            Properties p = bundle(lang);
            for (String key : p.stringPropertyNames()) {
                String v = p.getProperty(key);
                assertThat(v).as(lang + " " + key).isNotBlank();
                if (PLACEHOLDER.matcher(v).find()) {
                    // MessageFormat reads a single quote as the start of a quoted run: write two
                    assertThat(v.replace("''", "")).as(lang + " " + key).doesNotContain("'");
                }
            }
        }
    }

    @Test
    void theServerReadsEachLanguageFromItsOwnBundleInUtf8() {
        MessageSource m = PageConfiguration.labels();
        assertThat(m.getMessage("site.collections", null, Language.VI)).isEqualTo("Bộ dữ liệu");
        assertThat(m.getMessage("site.collections", null, Language.EN)).isEqualTo("Collections");
    }
}
