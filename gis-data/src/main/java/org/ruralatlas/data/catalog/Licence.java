package org.ruralatlas.data.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One licence of a layer, by its SPDX id, and where it is published. A layer whose parts come
 * under different licences (the communes: boundaries MIT, NTM attributes CC BY 4.0) states an
 * SPDX expression {@code MIT AND CC-BY-4.0}, and every one of them applies.
 */
public record Licence(String id, String url) {

    private static final Map<String, String> PUBLISHED = Map.of(
            "CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/",
            "MIT", "https://spdx.org/licenses/MIT.html",
            "ODbL-1.0", "https://opendatacommons.org/licenses/odbl/1-0/",
            "CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/");

    /** The licences of an SPDX expression joined by {@code AND}, each with its page (SPDX's own when not listed above). */
    public static List<Licence> of(String expression) {
        return Arrays.stream(expression.split("\\s+AND\\s+"))
                .map(String::strip)
                .filter(id -> !id.isEmpty())
                .map(id -> new Licence(id, PUBLISHED.getOrDefault(id, "https://spdx.org/licenses/" + id + ".html")))
                .toList();
    }
}
