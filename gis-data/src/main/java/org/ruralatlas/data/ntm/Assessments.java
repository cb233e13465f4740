package org.ruralatlas.data.ntm;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ruralatlas.data.feature.Feature;

/**
 * Reading an NTM assessment record ({@code ntm_assessments}): which criteria and indicators it
 * passes. Domain reading, shared by the criteria and commune pages and the statistics.
 */
public final class Assessments {

    private Assessments() {}

    /** Whether an assessment passes a criterion or indicator: true, false, or null when it does not say. */
    public static Boolean result(Feature assessment, String number) {
        Map<String, Object> p = assessment.properties();
        Set<String> passed = new LinkedHashSet<>(strings(p.get("criteria_passed")));
        passed.addAll(strings(p.get("indicators_passed")));
        Set<String> failed = new LinkedHashSet<>(strings(p.get("criteria_failed")));
        failed.addAll(strings(p.get("indicators_failed")));
        return passed.contains(number) ? Boolean.TRUE : failed.contains(number) ? Boolean.FALSE : null;
    }

    /** A list property (criteria_passed, …) as strings; empty when it is not a list. */
    public static List<String> strings(Object list) {
        if (!(list instanceof List<?> l)) {
            return List.of();
        }
        return l.stream().map(String::valueOf).toList();
    }
}
