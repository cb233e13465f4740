package org.ruralatlas.server.ogcapi;

import io.swagger.v3.oas.models.media.Schema;
import org.ruralatlas.data.text.VietnameseText;
import org.ruralatlas.server.error.ApiException;

/**
 * The search text {@code q}, typed: required, at most {@link #MAX_LENGTH} characters and at least
 * {@link #MIN_LETTERS} letters or digits (a 400 naming {@code q} otherwise); it describes itself in
 * the OpenAPI document with the same bounds.
 */
public final class SearchText {

    public static final String NAME = "q";
    public static final int MIN_LETTERS = 2;
    public static final int MAX_LENGTH = 100;
    public static final String DESCRIPTION = "The name or its beginning, e.g. phuc hoa";

    private SearchText() {}

    /** The text to search for, stripped. */
    public static String parse(String q) {
        if (q == null || q.isBlank()) {
            throw ApiException.badParameter(NAME, "q (the text to search for) is required");
        }
        if (q.length() > MAX_LENGTH) {
            throw ApiException.badParameter(NAME, "q is longer than " + MAX_LENGTH + " characters");
        }
        int letters = String.join("", VietnameseText.words(q)).length();
        if (letters < MIN_LETTERS) {
            throw ApiException.badParameter(NAME, "q needs at least " + MIN_LETTERS + " letters or digits");
        }
        return q.strip();
    }

    /** Its JSON Schema in the OpenAPI document. */
    public static Schema<Object> schema() {
        return new Schema<>().type("string").minLength(MIN_LETTERS).maxLength(MAX_LENGTH);
    }
}
