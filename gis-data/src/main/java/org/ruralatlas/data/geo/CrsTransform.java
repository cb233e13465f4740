package org.ruralatlas.data.geo;

import java.util.EnumMap;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Moves coordinates between CRS84 (how both stores hold geometries) and another {@link Crs},
 * axis order included, with proj4j and its EPSG parameters (VN-2000 uses the seven-parameter
 * shift to WGS 84 of MONRE decision 05/2007). Done in Java for both stores, so that PostGIS and
 * the GeoPackage give the same coordinates. Not thread-safe: make one per request.
 */
public final class CrsTransform {

    private static final Map<Crs, CoordinateReferenceSystem> SYSTEMS = new EnumMap<>(Crs.class);

    static {
        CRSFactory factory = new CRSFactory();
        for (Crs crs : Crs.values()) {
            SYSTEMS.put(
                    crs,
                    crs.definition().startsWith("+")
                            ? factory.createFromParameters(crs.name(), crs.definition())
                            : factory.createFromName(crs.definition()));
        }
    }

    private final Crs from;
    private final Crs to;
    private final CoordinateTransform transform;
    private final ProjCoordinate in = new ProjCoordinate();
    private final ProjCoordinate out = new ProjCoordinate();

    private CrsTransform(Crs from, Crs to) {
        this.from = from;
        this.to = to;
        this.transform = new CoordinateTransformFactory().createTransform(SYSTEMS.get(from), SYSTEMS.get(to));
    }

    /** From stored CRS84 coordinates to {@code to}. */
    public static CrsTransform fromCrs84(Crs to) {
        return new CrsTransform(Crs.CRS84, to);
    }

    /** From {@code from} to CRS84, e.g. for a bbox given in another CRS. */
    public static CrsTransform toCrs84(Crs from) {
        return new CrsTransform(from, Crs.CRS84);
    }

    public boolean isIdentity() {
        return from == to;
    }

    /** A transformed copy of {@code g} (or {@code g} itself when nothing changes). */
    public Geometry apply(Geometry g) {
        if (g == null || isIdentity()) {
            return g;
        }
        return ((XyMapping) this::point).applyTo(g);
    }

    /**
     * One position, each in its CRS's axis order: {@code a, b} as the source CRS orders them,
     * the result as the target CRS orders them.
     */
    public double[] point(double a, double b) {
        if (isIdentity()) {
            return new double[] {a, b};
        }
        in.x = from.latitudeFirst() ? b : a;
        in.y = from.latitudeFirst() ? a : b;
        transform.transform(in, out);
        return to.latitudeFirst() ? new double[] {out.y, out.x} : new double[] {out.x, out.y};
    }

    /**
     * The envelope, in the target CRS's x/y (not axis) order, of a box given by its two corners in
     * the source CRS's axis order, with points along each edge so that curved edges are covered.
     */
    public Envelope box(double a1, double b1, double a2, double b2) {
        Envelope env = new Envelope();
        int steps = 8;
        for (int i = 0; i <= steps; i++) {
            double t = (double) i / steps;
            double a = a1 + (a2 - a1) * t;
            double b = b1 + (b2 - b1) * t;
            add(env, point(a, b1));
            add(env, point(a, b2));
            add(env, point(a1, b));
            add(env, point(a2, b));
        }
        return env;
    }

    private void add(Envelope env, double[] p) {
        if (to.latitudeFirst()) {
            env.expandToInclude(p[1], p[0]);
        } else {
            env.expandToInclude(p[0], p[1]);
        }
    }
}
