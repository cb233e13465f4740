package org.ruralatlas.server.ntm;

import java.util.Objects;
import org.ruralatlas.server.ogcapi.Values;
import org.ruralatlas.server.ogcapi.Words;

/**
 * The catalogue's coded and English-only fields as the pages write them in the reader's language:
 * a set's unit level (commune, district) by name, its legal basis ("Decision 318/QĐ-TTg, amended
 * by …") with the words around the decisions' numbers translated.
 */
public final class CatalogueText {

    private CatalogueText() {}

    public static String decision(Object decision, Words w) {
        if (decision == null) {
            return Values.NONE;
        }
        return decision.toString()
                .replace("Decision", w.get("criteria-sets.decision.word"))
                .replace("amended by", w.get("criteria-sets.decision.amended"))
                .replace("appendix", w.get("criteria-sets.decision.appendix"));
    }

    public static String level(Object level, Words w) {
        return switch (Objects.toString(level, "")) {
            case "commune" -> w.get("criteria-sets.level.commune");
            case "district" -> w.get("criteria-sets.level.district");
            case "" -> Values.NONE;
            default -> level.toString();
        };
    }
}
