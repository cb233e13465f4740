package org.ruralatlas.data.geo;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The coordinate reference systems RuralAtlas serves (OGC API – Features Part 2). Data is stored
 * in CRS84 (longitude, latitude on WGS 84); planners in Vietnam work in VN-2000, the national
 * datum, in its UTM zones 48N (most provinces) and 49N (the east coast), and web clients in Web
 * Mercator. Axis order follows each CRS's definition: EPSG:4326 is latitude first, CRS84 and the
 * projected systems are x (easting) first. VN-2000 geographic (EPSG:4756, latitude first) is left
 * out for now: the OGC test suite reads every latitude-first CRS but EPSG:4326 as longitude first.
 */
public enum Crs {
    CRS84("http://www.opengis.net/def/crs/OGC/1.3/CRS84", "+proj=longlat +datum=WGS84 +no_defs", false, false),
    WGS84_LAT_LON("http://www.opengis.net/def/crs/EPSG/0/4326", "EPSG:4326", true, false),
    WEB_MERCATOR("http://www.opengis.net/def/crs/EPSG/0/3857", "EPSG:3857", false, true),
    VN2000_UTM48("http://www.opengis.net/def/crs/EPSG/0/3405", "EPSG:3405", false, true),
    VN2000_UTM49("http://www.opengis.net/def/crs/EPSG/0/3406", "EPSG:3406", false, true);

    private final String uri;
    private final String definition;
    private final boolean latitudeFirst;
    private final boolean projected;

    Crs(String uri, String definition, boolean latitudeFirst, boolean projected) {
        this.uri = uri;
        this.definition = definition;
        this.latitudeFirst = latitudeFirst;
        this.projected = projected;
    }

    public String uri() {
        return uri;
    }

    /** A PROJ definition or an EPSG code, as proj4j reads it. */
    String definition() {
        return definition;
    }

    public boolean latitudeFirst() {
        return latitudeFirst;
    }

    public boolean projected() {
        return projected;
    }

    public static List<String> uris() {
        return Arrays.stream(values()).map(Crs::uri).toList();
    }

    /**
     * The CRS named by an OGC URI ({@code http://www.opengis.net/def/crs/EPSG/0/3405}, with
     * {@code https} too) or a safe CURIE ({@code [EPSG:3405]}, {@code [OGC:CRS84]}).
     */
    public static Optional<Crs> byName(String name) {
        String n = name.trim();
        if (n.startsWith("[") && n.endsWith("]")) {
            String[] parts = n.substring(1, n.length() - 1).split(":", 2);
            if (parts.length != 2) {
                return Optional.empty();
            }
            n = parts[0].equals("OGC") ? "http://www.opengis.net/def/crs/OGC/1.3/" + parts[1]
                    : "http://www.opengis.net/def/crs/" + parts[0] + "/0/" + parts[1];
        }
        String uri = n.replaceFirst("^https://", "http://");
        return Arrays.stream(values()).filter(c -> c.uri.equals(uri)).findFirst();
    }
}
