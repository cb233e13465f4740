package org.ruralatlas.data.geo;

import org.locationtech.jts.geom.Envelope;

/**
 * A bounding box in CRS84 longitude/latitude, OGC order (minx, miny, maxx, maxy). Always valid
 * once built: finite numbers, min ≤ max, within the lon/lat range.
 */
public record Bbox(double minx, double miny, double maxx, double maxy) {

    public Bbox {
        if (!Double.isFinite(minx) || !Double.isFinite(miny) || !Double.isFinite(maxx) || !Double.isFinite(maxy)) {
            throw new IllegalArgumentException("bbox coordinates must be finite numbers");
        }
        if (minx > maxx || miny > maxy) {
            throw new IllegalArgumentException("bbox minimum must not exceed maximum (minx,miny,maxx,maxy)");
        }
        if (minx < -180 || maxx > 180 || miny < -90 || maxy > 90) {
            throw new IllegalArgumentException("bbox must lie within -180,-90,180,90 (CRS84 longitude, latitude)");
        }
    }

    /** Parses "minx,miny,maxx,maxy" or the 6-number 3D form "minx,miny,minz,maxx,maxy,maxz" (heights ignored). */
    public static Bbox parse(String text) {
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
        return parts.length == 4 ? new Bbox(v[0], v[1], v[2], v[3]) : new Bbox(v[0], v[1], v[3], v[4]);
    }

    public static Bbox of(Envelope e) {
        return new Bbox(e.getMinX(), e.getMinY(), e.getMaxX(), e.getMaxY());
    }

    public Envelope toEnvelope() {
        return new Envelope(minx, maxx, miny, maxy);
    }
}
