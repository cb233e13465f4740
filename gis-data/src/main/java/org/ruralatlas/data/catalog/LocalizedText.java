package org.ruralatlas.data.catalog;

/** A text in Vietnamese (the default language) and English, as the catalogue gives every title. */
public record LocalizedText(String vi, String en) {

    /** The text in {@code lang} ("vi" or "en"); Vietnamese for anything else. */
    public String in(String lang) {
        return "en".equals(lang) && en != null ? en : vi;
    }
}
