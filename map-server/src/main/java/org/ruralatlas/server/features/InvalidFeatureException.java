package org.ruralatlas.server.features;

import java.util.List;
import org.ruralatlas.data.edit.EditProblem;

/** A feature sent for writing that its layer's schema refuses: 422 listing every problem by property. */
public final class InvalidFeatureException extends RuntimeException {

    private final transient List<EditProblem> problems;

    public InvalidFeatureException(List<EditProblem> problems) {
        super(
                problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " with the feature: "
                        + String.join(
                                "; ",
                                problems.stream()
                                        .map(p -> p.property() + ": " + p.detail())
                                        .toList()),
                null,
                false,
                false);
        this.problems = List.copyOf(problems);
    }

    public List<EditProblem> problems() {
        return problems;
    }
}
