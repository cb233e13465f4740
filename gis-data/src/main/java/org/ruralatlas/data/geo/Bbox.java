package org.ruralatlas.data.geo;

import java.util.List;
import org.locationtech.jts.geom.Envelope;

/**
 * A bounding box in CRS84 longitude/latitude, OGC order (minx, miny, maxx, maxy). Always valid
 * once built: finite numbers, miny ≤ maxy, within the lon/lat range. A box whose minx is greater
 * than its maxx crosses the antimeridian (OGC API Features 1.0 §7.15.3, as in GeoJSON's RFC 7946
 * §5.2): it covers minx..180 and -180..maxx, which is why stores read it through
 * {@link #envelopes()}.
 */
public record Bbox(double minx, double miny, double maxx, double maxy) {

    public Bbox {
        if (!Double.isFinite(minx) || !Double.isFinite(miny) || !Double.isFinite(maxx) || !Double.isFinite(maxy)) {
            throw new IllegalArgumentException("bbox coordinates must be finite numbers");
        }
        if (miny > maxy) {
            throw new IllegalArgumentException(
                    "bbox minimum latitude must not exceed the maximum (minx,miny,maxx,maxy)");
        }
        if (minx < -180 || maxx > 180 || minx > 180 || maxx < -180 || miny < -90 || maxy > 90) {
            throw new IllegalArgumentException("bbox must lie within -180,-90,180,90 (CRS84 longitude, latitude)");
        }
    }

    /** Parses "minx,miny,maxx,maxy" or the 6-number 3D form "minx,miny,minz,maxx,maxy,maxz" (heights ignored). */
    public static Bbox parse(String text) {
        double[] v = corners(text);
        return new Bbox(v[0], v[1], v[2], v[3]);
    }

    /**
     * The four horizontal numbers of a 4- or 6-number bbox text, unchecked beyond being finite
     * numbers: a bbox in another CRS ({@code bbox-crs}) is transformed before it becomes a Bbox.
     */
    public static double[] corners(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 4 && parts.length != 6) {
            throw new IllegalArgumentException("bbox takes 4 or 6 comma-separated numbers");
        }
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bbox value '" + parts[i] + "' is not a number");
            }
        }
        if (parts.length == 6 && v[2] > v[5]) {
            throw new IllegalArgumentException("bbox minimum height must not exceed the maximum");
        }
        for (double d : v) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("bbox coordinates must be finite numbers");
            }
        }
        return parts.length == 4 ? v : new double[] {v[0], v[1], v[3], v[4]};
    }

    /** The part of {@code e} that lies within the CRS84 range, e.g. a transformed bbox-crs box. */
    public static Bbox clamped(Envelope e) {
        return new Bbox(
                Math.max(-180, Math.min(180, e.getMinX())),
                Math.max(-90, Math.min(90, e.getMinY())),
                Math.max(-180, Math.min(180, e.getMaxX())),
                Math.max(-90, Math.min(90, e.getMaxY())));
    }

    public static Bbox of(Envelope e) {
        return new Bbox(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY());
    }

    public boolean crossesAntimeridian() {
        return minx > maxx;
    }

    /** The area as ordinary envelopes: one, or two (east and west of the antimeridian) for a crossing box. */
    public List<Envelope> envelopes() {
        return crossesAntimeridian()
                ? List.of(new Envelope(minx, 180, miny, maxy), new Envelope(-180, maxx, miny, maxy))
                : List.of(new Envelope(minx, maxx, miny, maxy));
    }
}
