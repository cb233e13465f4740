package org.ruralatlas.data.geo;

import java.util.Arrays;
import java.util.Optional;

/**
 * The coordinate reference systems RuralAtlas serves (OGC API – Features Part 2). Data is stored
 * in CRS84 (longitude, latitude on WGS 84); planners in Vietnam work in VN-2000, the national
 * datum, in its UTM zones 48N (most provinces) and 49N (the east coast), and survey offices in
 * their province's 3° zone (TM-3: transverse Mercator, scale 0.9999, false easting 500 km, one
 * central meridian per pre-2025 province); web clients use Web Mercator. Axis order follows each
 * CRS's definition: EPSG:4326 is latitude first, CRS84 and the projected systems are x (easting)
 * first. VN-2000 geographic (EPSG:4756, latitude first) is left out for now: the OGC test suite
 * reads every latitude-first CRS but EPSG:4326 as longitude first.
 */
public enum Crs {
    CRS84("http://www.opengis.net/def/crs/OGC/1.3/CRS84", "+proj=longlat +datum=WGS84 +no_defs", false, false),
    WGS84_LAT_LON("http://www.opengis.net/def/crs/EPSG/0/4326", "EPSG:4326", true, false),
    WEB_MERCATOR("http://www.opengis.net/def/crs/EPSG/0/3857", "EPSG:3857", false, true),
    VN2000_UTM48("http://www.opengis.net/def/crs/EPSG/0/3405", "EPSG:3405", false, true),
    VN2000_UTM49("http://www.opengis.net/def/crs/EPSG/0/3406", "EPSG:3406", false, true),
    // The TM-3 zones, with their central meridian as EPSG writes it: in sexagesimal degrees
    // (104.45 is 104°45', 104.75°; reading it as decimal would move data by about 30 km).
    // proj4j's EPSG file has none of them; the definitions follow EPSG and PROJ.
    VN2000_TM3_ZONE_481(5896, "102.00"),
    VN2000_TM3_ZONE_482(5897, "105.00"),
    VN2000_TM3_ZONE_491(5898, "108.00"),
    VN2000_TM3_107_45(5899, "107.45"),
    VN2000_TM3_103_00(9205, "103.00"),
    VN2000_TM3_104_00(9206, "104.00"),
    VN2000_TM3_104_30(9207, "104.30"),
    VN2000_TM3_104_45(9208, "104.45"),
    VN2000_TM3_105_30(9209, "105.30"),
    VN2000_TM3_105_45(9210, "105.45"),
    VN2000_TM3_106_00(9211, "106.00"),
    VN2000_TM3_106_15(9212, "106.15"),
    VN2000_TM3_106_30(9213, "106.30"),
    VN2000_TM3_107_00(9214, "107.00"),
    VN2000_TM3_107_15(9215, "107.15"),
    VN2000_TM3_107_30(9216, "107.30"),
    VN2000_TM3_108_15(9217, "108.15"),
    VN2000_TM3_108_30(9218, "108.30");

    /**
     * VN-2000 to WGS 84 (EPSG:6960, MONRE decision 05/2007) in PROJ's position-vector convention:
     * EPSG gives the rotations in the coordinate-frame convention, so their signs are flipped.
     */
    private static final String VN2000_TO_WGS84 =
            "+towgs84=-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278";

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

    /** A VN-2000 TM-3 zone: its EPSG code and its central meridian as EPSG stores it (sexagesimal). */
    Crs(int epsg, String meridian) {
        this(
                "http://www.opengis.net/def/crs/EPSG/0/" + epsg,
                "+proj=tmerc +lat_0=0 +lon_0=" + sexagesimal(meridian) + " +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 "
                        + VN2000_TO_WGS84 + " +units=m +no_defs",
                false,
                true);
    }

    /** Degrees of a sexagesimal "DDD.MM" (EPSG's unit 9110 without seconds): "104.45" is 104.75. */
    static double sexagesimal(String dddmm) {
        String[] parts = dddmm.split("\\.");
        int minutes = Integer.parseInt(parts[1]);
        if (parts[1].length() != 2 || minutes >= 60) {
            throw new IllegalArgumentException("not degrees.minutes: " + dddmm);
        }
        return Integer.parseInt(parts[0]) + minutes / 60.0;
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

    /** Whether this is one of the provincial VN-2000 TM-3 zones, which a deployment may leave out ({@link CrsOffer}). */
    public boolean provincialZone() {
        return ordinal() >= VN2000_TM3_ZONE_481.ordinal();
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
            n = parts[0].equals("OGC")
                    ? "http://www.opengis.net/def/crs/OGC/1.3/" + parts[1]
                    : "http://www.opengis.net/def/crs/" + parts[0] + "/0/" + parts[1];
        }
        String uri = n.replaceFirst("^https://", "http://");
        return Arrays.stream(values()).filter(c -> c.uri.equals(uri)).findFirst();
    }
}
