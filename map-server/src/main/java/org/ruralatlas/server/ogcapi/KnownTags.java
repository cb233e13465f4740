package org.ruralatlas.server.ogcapi;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.ruralatlas.server.error.ApiException;

/**
 * The {@code known} parameter of a batch (many tiles or communes in one answer): the tags the client
 * holds, one per item asked in order, quotes optional, empty for an item it does not hold. An item
 * still so tagged is answered as its own URL answers {@code If-None-Match}: not modified, no body.
 */
public final class KnownTags {

    private KnownTags() {}

    /** As many tags as {@code items} asked (400 naming {@code known} otherwise); none without the parameter. */
    public static List<String> parse(String text, int items, String what) {
        if (text == null) {
            return Collections.nCopies(items, "");
        }
        String[] tags = text.split(",", -1);
        if (tags.length != items) {
            throw ApiException.badParameter(
                    "known",
                    "known lists " + tags.length + " ETags for " + items + " " + what
                            + ": give one per item, empty for none");
        }
        return Arrays.stream(tags).map(KnownTags::unquoted).toList();
    }

    /** An ETag without its quotes. */
    public static String unquoted(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1)
                : etag;
    }
}
