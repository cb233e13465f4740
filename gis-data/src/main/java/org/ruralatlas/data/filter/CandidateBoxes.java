package org.ruralatlas.data.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Envelope;
import org.ruralatlas.data.filter.Expression.*;

/**
 * Boxes that the envelope of every feature a bound filter selects must meet: what a spatial
 * index can answer before the exact test (the GeoPackage store asks its R-tree with them).
 * Empty when the filter does not confine features in space (a NOT, S_DISJOINT, an OR with a
 * branch that is not spatial).
 */
final class CandidateBoxes {

    /** More boxes than this and they are merged into one. */
    private static final int MAX_BOXES = 8;

    private CandidateBoxes() {}

    static Optional<List<Envelope>> of(Expression e) {
        if (e instanceof And a) {
            List<Envelope> best = null;
            for (Expression arg : a.args()) {
                List<Envelope> boxes = of(arg).orElse(null);
                if (boxes != null) {
                    best = best == null ? boxes : intersection(best, boxes);
                }
            }
            return Optional.ofNullable(best);
        }
        if (e instanceof Or o) {
            List<Envelope> all = new ArrayList<>();
            for (Expression arg : o.args()) {
                Optional<List<Envelope>> boxes = of(arg);
                if (boxes.isEmpty()) {
                    return Optional.empty();
                }
                all.addAll(boxes.get());
            }
            return Optional.of(capped(all));
        }
        if (e instanceof SpatialPredicate s && s.relation() != SpatialRelation.DISJOINT) {
            return literalBox(s.left(), s.right(), 0);
        }
        if (e instanceof DistanceWithin d) {
            return literalBox(d.left(), d.right(), d.meters());
        }
        if (e instanceof BooleanLiteral b && !b.value()) {
            return Optional.of(List.of()); // nothing can match
        }
        return Optional.empty();
    }

    /** The literal's envelope (grown by {@code meters}) when the other operand is the feature's geometry. */
    private static Optional<List<Envelope>> literalBox(Expression a, Expression b, double meters) {
        Expression literal = a instanceof GeometryLiteral ? a : b;
        Expression other = literal == a ? b : a;
        if (!(literal instanceof GeometryLiteral g) || !(other instanceof Property)) {
            return Optional.empty();
        }
        Envelope env = g.value().getEnvelopeInternal();
        return Optional.of(List.of(meters > 0 ? SphericalDistance.expand(env, meters) : env));
    }

    private static List<Envelope> intersection(List<Envelope> a, List<Envelope> b) {
        List<Envelope> out = new ArrayList<>();
        for (Envelope x : a) {
            for (Envelope y : b) {
                Envelope i = x.intersection(y);
                if (!i.isNull()) {
                    out.add(i);
                }
            }
        }
        return capped(out);
    }

    private static List<Envelope> capped(List<Envelope> boxes) {
        if (boxes.size() <= MAX_BOXES) {
            return boxes;
        }
        Envelope all = new Envelope();
        boxes.forEach(all::expandToInclude);
        return List.of(all);
    }
}
