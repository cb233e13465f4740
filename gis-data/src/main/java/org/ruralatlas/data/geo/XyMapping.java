package org.ruralatlas.data.geo;

import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;

/** A change of every position's x and y, such as a projection; applied to a copy of a geometry. */
@FunctionalInterface
public interface XyMapping {

    /** The new {x, y} of the position (x, y). */
    double[] map(double x, double y);

    /** A copy of {@code g} with every position mapped; z and m are kept. */
    default Geometry applyTo(Geometry g) {
        Geometry copy = g.copy();
        copy.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                double[] xy = map(seq.getX(i), seq.getY(i));
                seq.setOrdinate(i, 0, xy[0]);
                seq.setOrdinate(i, 1, xy[1]);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
        return copy;
    }
}
