package org.ruralatlas.data.filter;

import java.util.List;
import org.ruralatlas.data.filter.Expression.*;

/** The direct operands of a node, for walks over a whole expression. */
final class Children {

    private Children() {}

    static List<Expression> of(Expression e) {
        if (e instanceof And a) {
            return a.args();
        }
        if (e instanceof Or o) {
            return o.args();
        }
        if (e instanceof Not n) {
            return List.of(n.arg());
        }
        if (e instanceof Comparison c) {
            return List.of(c.left(), c.right());
        }
        if (e instanceof Like l) {
            return List.of(l.value(), l.pattern());
        }
        if (e instanceof Between b) {
            return List.of(b.value(), b.low(), b.high());
        }
        if (e instanceof In in) {
            List<Expression> all = new java.util.ArrayList<>(in.list());
            all.add(0, in.value());
            return all;
        }
        if (e instanceof IsNull n) {
            return List.of(n.value());
        }
        if (e instanceof CaseInsensitive c) {
            return List.of(c.value());
        }
        if (e instanceof AccentInsensitive a) {
            return List.of(a.value());
        }
        if (e instanceof Arithmetic a) {
            return List.of(a.left(), a.right());
        }
        if (e instanceof SpatialPredicate s) {
            return List.of(s.left(), s.right());
        }
        if (e instanceof DistanceWithin d) {
            return List.of(d.left(), d.right());
        }
        if (e instanceof TemporalPredicate t) {
            return List.of(t.left(), t.right());
        }
        if (e instanceof IntervalLiteral i) {
            return List.of(i.start(), i.end());
        }
        if (e instanceof ArrayPredicate a) {
            return List.of(a.left(), a.right());
        }
        if (e instanceof ArrayLiteral a) {
            return a.items();
        }
        if (e instanceof FunctionCall f) {
            return f.args();
        }
        return List.of();
    }
}
