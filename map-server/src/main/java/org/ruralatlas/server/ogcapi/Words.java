package org.ruralatlas.server.ogcapi;

import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * The labels of a page in the reader's language, from {@code messages_vi.properties} and
 * {@code messages_en.properties}: templates write {@code w.get("key")}, never a language test.
 */
public record Words(MessageSource messages, Locale locale) {

    /** The label {@code key}, its {@code {0}}… placeholders filled with {@code args}. */
    public String get(String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /** "vi" or "en", for the page's {@code lang} and the catalogue's texts. */
    public String lang() {
        return locale.getLanguage();
    }
}
