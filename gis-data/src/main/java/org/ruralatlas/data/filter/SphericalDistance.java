package org.ruralatlas.data.filter;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Distances in meters between lon/lat geometries on the sphere, as PostGIS measures geography
 * with {@code use_spheroid = false} (the S_DWITHIN extension: {@code ST_DWithin(a::geography,
 * b::geography, d, false)}): a sphere of radius (2a + b) / 3 of WGS 84, great-circle edges, the
 * distance from a point to an edge taken to its nearest point on the edge's great circle when
 * that lies on the edge, else to the nearer end (PostGIS lwgeodetic.c, edge_distance_to_point).
 * Geometries that intersect on the sphere (their great-circle edges cross, or a vertex of one lies
 * inside a polygon of the other) are 0 apart: not the straight lines of lon/lat, which a long edge
 * leaves by hundreds of meters. Measured this way, a planner's "within 5 km" differs from the
 * ellipsoid by under 0.5 %.
 */
public final class SphericalDistance {

    /** Mean radius of WGS 84, as PostGIS's spheroid_init computes it. */
    static final double RADIUS = (2 * 6378137.0 + (6378137.0 - 6378137.0 / 298.257223563)) / 3;

    private SphericalDistance() {}

    /** True when {@code a} and {@code b} are at most {@code meters} apart. */
    public static boolean within(Geometry a, Geometry b, double meters) {
        return intersects(a, b) || distance(a, b) <= meters;
    }

    /** True when {@code a} and {@code b} share a point on the sphere (touching aside: those are 0 apart anyway). */
    static boolean intersects(Geometry a, Geometry b) {
        List<Coordinate[]> la = parts(a);
        List<Coordinate[]> lb = parts(b);
        for (Coordinate[] pa : la) {
            for (Coordinate[] pb : lb) {
                if (edgesCross(pa, pb)) {
                    return true;
                }
            }
        }
        return anyVertexInside(la, b) || anyVertexInside(lb, a);
    }

    private static boolean edgesCross(Coordinate[] a, Coordinate[] b) {
        for (int i = 0; i + 1 < a.length; i++) {
            double[] a1 = unit(a[i]);
            double[] a2 = unit(a[i + 1]);
            double[] na = cross(a1, a2);
            for (int j = 0; j + 1 < b.length; j++) {
                double[] b1 = unit(b[j]);
                double[] b2 = unit(b[j + 1]);
                double s1 = dot(na, b1);
                double s2 = dot(na, b2);
                if (s1 * s2 > 0 || s1 == 0 && s2 == 0) {
                    continue; // both ends on one side of a's great circle (or on it: left to the distance)
                }
                double[] nb = cross(b1, b2);
                double s3 = dot(nb, a1);
                double s4 = dot(nb, a2);
                // on both sides of each other's circle, and on the same half of the sphere
                if (s3 * s4 <= 0 && dot(plus(a1, a2), plus(b1, b2)) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when a vertex of {@code parts} lies inside a polygon of {@code g} (its outer ring, none of its holes). */
    private static boolean anyVertexInside(List<Coordinate[]> parts, Geometry g) {
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            if (part instanceof Polygon p) {
                for (Coordinate[] vertices : parts) {
                    for (Coordinate c : vertices) {
                        if (inside(c, p)) {
                            return true;
                        }
                    }
                }
            } else if (part.getNumGeometries() > 1 && anyVertexInside(parts, part)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inside(Coordinate c, Polygon p) {
        double[] u = unit(c);
        if (!winds(u, p.getExteriorRing().getCoordinates())) {
            return false;
        }
        for (int h = 0; h < p.getNumInteriorRing(); h++) {
            if (winds(u, p.getInteriorRingN(h).getCoordinates())) {
                return false;
            }
        }
        return true;
    }

    /** True when the ring winds around {@code p}: its great-circle edges, seen from p, turn a full circle. */
    private static boolean winds(double[] p, Coordinate[] ring) {
        double turn = 0;
        double[] previous = tangent(p, unit(ring[0]));
        for (int i = 1; i < ring.length; i++) {
            double[] next = tangent(p, unit(ring[i]));
            turn += Math.atan2(dot(cross(previous, next), p), dot(previous, next));
            previous = next;
        }
        return Math.abs(turn) > Math.PI;
    }

    /** The direction of {@code v} seen from {@code p}, in the plane tangent to the sphere at p. */
    private static double[] tangent(double[] p, double[] v) {
        return minus(v, scale(p, dot(v, p)));
    }

    /** The shortest distance between vertices and edges of the two, in meters (for disjoint geometries). */
    public static double distance(Geometry a, Geometry b) {
        List<Coordinate[]> la = parts(a);
        List<Coordinate[]> lb = parts(b);
        double best = Double.POSITIVE_INFINITY;
        for (Coordinate[] pa : la) {
            for (Coordinate[] pb : lb) {
                best = Math.min(best, Math.min(toPart(pa, pb), toPart(pb, pa)));
            }
        }
        return best * RADIUS;
    }

    /**
     * A box that holds every point within {@code meters} of {@code env} (lon/lat degrees), for
     * the index: the latitude band widened by the angle, the longitudes by the angle at the
     * band's latitude farthest from the equator; the whole range of longitudes near a pole.
     */
    public static Envelope expand(Envelope env, double meters) {
        double degrees = Math.toDegrees(meters / RADIUS) * (1 + 1e-9) + 1e-9;
        double south = Math.max(-90, env.getMinY() - degrees);
        double north = Math.min(90, env.getMaxY() + degrees);
        double widest = Math.max(Math.abs(south), Math.abs(north));
        if (widest >= 89.9) {
            return new Envelope(-180, 180, south, north);
        }
        double lon = degrees / Math.cos(Math.toRadians(widest));
        if (env.getMinX() - lon < -180 || env.getMaxX() + lon > 180) {
            return new Envelope(-180, 180, south, north);
        }
        return new Envelope(env.getMinX() - lon, env.getMaxX() + lon, south, north);
    }

    /** Each point, line and ring of {@code g} as a sequence (a point: one coordinate). */
    private static List<Coordinate[]> parts(Geometry g) {
        List<Coordinate[]> out = new ArrayList<>();
        for (int i = 0; i < g.getNumGeometries(); i++) {
            Geometry part = g.getGeometryN(i);
            if (part instanceof Point || part instanceof LineString) {
                out.add(part.getCoordinates());
            } else if (part instanceof Polygon p) {
                out.add(p.getExteriorRing().getCoordinates());
                for (int h = 0; h < p.getNumInteriorRing(); h++) {
                    out.add(p.getInteriorRingN(h).getCoordinates());
                }
            } else {
                out.addAll(parts(part)); // a collection in a collection
            }
        }
        return out;
    }

    /** Smallest angle from a vertex of {@code from} to {@code to} (its edges, or its point). */
    private static double toPart(Coordinate[] from, Coordinate[] to) {
        double best = Double.POSITIVE_INFINITY;
        for (Coordinate c : from) {
            double[] p = unit(c);
            if (to.length == 1) {
                best = Math.min(best, angle(p, unit(to[0])));
            }
            for (int i = 0; i + 1 < to.length; i++) {
                best = Math.min(best, toEdge(p, unit(to[i]), unit(to[i + 1])));
            }
        }
        return best;
    }

    private static double toEdge(double[] p, double[] s, double[] e) {
        double d = Math.min(angle(p, s), angle(p, e));
        double[] n = cross(s, e);
        double norm = Math.sqrt(dot(n, n));
        if (norm == 0) {
            return d; // zero-length edge
        }
        n = scale(n, 1 / norm);
        double[] k = minus(p, scale(n, dot(p, n)));
        double kn = Math.sqrt(dot(k, k));
        if (kn == 0) {
            return d; // the point is a pole of the edge's great circle
        }
        k = scale(k, 1 / kn);
        // k lies on the edge when it is on the inner side of both ends' planes
        if (dot(cross(s, k), n) >= 0 && dot(cross(k, e), n) >= 0) {
            d = Math.min(d, angle(p, k));
        }
        return d;
    }

    private static double[] unit(Coordinate c) {
        double lon = Math.toRadians(c.x);
        double lat = Math.toRadians(c.y);
        return new double[] {Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)};
    }

    /** The angle between two unit vectors, accurate at small angles. */
    private static double angle(double[] a, double[] b) {
        double[] c = cross(a, b);
        return Math.atan2(Math.sqrt(dot(c, c)), dot(a, b));
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double[] scale(double[] a, double f) {
        return new double[] {a[0] * f, a[1] * f, a[2] * f};
    }

    private static double[] plus(double[] a, double[] b) {
        return new double[] {a[0] + b[0], a[1] + b[1], a[2] + b[2]};
    }

    private static double[] minus(double[] a, double[] b) {
        return new double[] {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
    }
}
