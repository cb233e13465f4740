package org.ruralatlas.data.ntm;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Reads one record's property values as the types the catalogue declares them (string, integer,
 * date, string list), in one place, so the records of this package never cast at their call sites.
 * Both stores give an integer column as a {@link Number} and a string list as a {@link List}.
 */
final class Props {

    private final Map<String, Object> p;

    Props(Map<String, Object> properties) {
        this.p = properties;
    }

    String string(String key) {
        Object v = p.get(key);
        return v == null ? null : v.toString();
    }

    Integer integer(String key) {
        return p.get(key) instanceof Number n ? n.intValue() : null;
    }

    Long whole(String key) {
        return p.get(key) instanceof Number n ? n.longValue() : null;
    }

    Double decimal(String key) {
        return p.get(key) instanceof Number n ? n.doubleValue() : null;
    }

    LocalDate date(String key) {
        return p.get(key) instanceof LocalDate d ? d : null;
    }

    Boolean bool(String key) {
        return p.get(key) instanceof Boolean b ? b : null;
    }

    /** A string list; null when the record holds none (never turned into an empty list, so answers keep the null). */
    List<String> strings(String key) {
        return p.get(key) instanceof List<?> l ? l.stream().map(String::valueOf).toList() : null;
    }

    /** Where the record comes from: the provenance columns every record layer carries. */
    Provenance provenance() {
        return new Provenance(string("source"), date("source_date"), string("licence"), bool("sample"));
    }
}
