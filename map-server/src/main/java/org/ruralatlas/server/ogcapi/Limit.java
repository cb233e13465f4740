package org.ruralatlas.server.ogcapi;

import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;

/**
 * A page-size query parameter, typed: it reads the request's value (a whole number from 1; larger
 * values count as {@link #max}, as OGC API Features asks; absent means {@link #fallback}; anything
 * else is a 400 naming the parameter) and it describes itself in the OpenAPI document, so the
 * document and the parsing cannot disagree.
 *
 * @param name the parameter's name
 * @param fallback the value when absent
 * @param max the largest value honoured
 * @param description what the OpenAPI document says of it
 */
public record Limit(String name, int fallback, int max, String description) {

    /** Features per items page. */
    public static final Limit ITEMS = new Limit(
            "limit",
            10,
            10_000,
            "The most features in the response (default 10; larger "
                    + "values count as 10000). Further pages are linked with rel=next.");

    /** Search results. */
    public static final Limit SEARCH = new Limit("limit", 10, 50, "The most results (larger values count as 50)");

    /** The value asked for ({@code null} when absent), as the server honours it. */
    public int parse(String text) {
        return (int) Math.min(max, Parameters.wholeNumber(name, text, fallback, 1, Long.MAX_VALUE));
    }

    /** Its JSON Schema in the OpenAPI document. */
    public Schema<Object> schema() {
        return new Schema<>()
                .type("integer")
                .minimum(BigDecimal.ONE)
                .maximum(BigDecimal.valueOf(max))
                ._default(fallback);
    }
}
