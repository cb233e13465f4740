package org.ruralatlas.data.edit;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.feature.Feature;

/**
 * The history of versioned units (communes and provinces keyed on {@code code@valid_from}) is kept as it was: a
 * version that has ended is a fact about the past (a commune's NTM recognition belonged to that version and did not
 * carry over to the merged unit), so no edit changes or deletes it, an administrator's included; and a version's
 * start, part of its id, never moves. What changes is the current version, whose before and after the audit keeps.
 */
public final class UnitVersions {

    private UnitVersions() {}

    /** Why {@code current} may not be changed or deleted: empty for an unversioned layer or a version still valid. */
    public static Optional<String> closed(Layer layer, Feature current, LocalDate today) {
        if (layer.temporal() == null || layer.temporal().end() == null) {
            return Optional.empty();
        }
        LocalDate end = date(current.properties().get(layer.temporal().end()));
        if (end == null || !end.isBefore(today)) {
            return Optional.empty();
        }
        return Optional.of(current.id() + " is a past version of the unit (valid until " + end
                + "): history is kept as it was; edit the unit's current version");
    }

    /** The problem of an edit that moves a version's start, or empty. */
    public static Optional<EditProblem> startMoved(Layer layer, Feature before, Feature after) {
        if (layer.temporal() == null || layer.temporal().start() == null) {
            return Optional.empty();
        }
        String start = layer.temporal().start();
        LocalDate was = date(before.properties().get(start));
        LocalDate is = date(after.properties().get(start));
        return Objects.equals(was, is)
                ? Optional.empty()
                : Optional.of(new EditProblem(
                        start,
                        start + " is where this version begins and part of its id (" + before.id() + "): it stays "
                                + was + "; a new version is a new feature"));
    }

    static LocalDate date(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        try {
            return LocalDate.parse(
                    value.toString().substring(0, Math.min(10, value.toString().length())));
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
