package org.ruralatlas.data.filter;

import java.util.Collections;
import java.util.Set;
import org.ruralatlas.data.filter.Expression.ArrayRelation;

/** The array functions of CQL2 on two arrays taken as sets (requirement /req/array-functions/array-predicates). */
final class SetRelations {

    private SetRelations() {}

    static <T> boolean test(ArrayRelation r, Set<T> a, Set<T> b) {
        return switch (r) {
            case EQUALS -> a.equals(b);
            case CONTAINS -> a.containsAll(b);
            case CONTAINEDBY -> b.containsAll(a);
            case OVERLAPS -> !Collections.disjoint(a, b);
        };
    }
}
