package org.ruralatlas.data.geo;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CRS of a file to import, from what the file or its sender says: an EPSG code ({@code
 * EPSG:9210}, {@code 9210}, an OGC URI or CURIE), or a WKT definition as a shapefile's {@code .prj}
 * or a GeoPackage's {@code gpkg_spatial_ref_sys} holds it. A WKT is read by its EPSG authority
 * where it has one, else by its parameters: a transverse Mercator on the VN-2000 datum is the UTM
 * zone (scale 0.9996) or the TM-3 zone (scale 0.9999) of its central meridian, which is how
 * ESRI-style {@code .prj} files (no authority) are recognised. Geographic WGS 84 is longitude,
 * latitude as every GIS file stores it, whatever EPSG:4326's official axis order.
 */
public final class ImportCrs {

    private static final Pattern AUTHORITY =
            Pattern.compile("(?:AUTHORITY|ID)\\s*\\[\\s*\"EPSG\"\\s*,\\s*\"?(\\d+)\"?\\s*]", Pattern.CASE_INSENSITIVE);
    private static final Pattern MERIDIAN = Pattern.compile(
            "PARAMETER\\s*\\[\\s*\"(?:central_meridian|Longitude of natural origin)\"\\s*,\\s*([-0-9.eE]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SCALE = Pattern.compile(
            "PARAMETER\\s*\\[\\s*\"(?:scale_factor|Scale factor at natural origin)\"\\s*,\\s*([-0-9.eE]+)",
            Pattern.CASE_INSENSITIVE);

    private ImportCrs() {}

    /** The CRS an EPSG code, URI or CURIE names; empty when RuralAtlas does not know it. */
    public static Optional<Crs> byCode(String text) {
        String t = text.trim();
        String upper = t.toUpperCase(Locale.ROOT);
        if (upper.equals("CRS84") || upper.equals("OGC:CRS84") || upper.equals("EPSG:4326") || upper.equals("4326")) {
            return Optional.of(Crs.CRS84);
        }
        if (upper.matches("(EPSG:)?\\d{4,5}")) {
            t = "[EPSG:" + upper.replace("EPSG:", "") + "]";
        }
        return Crs.byName(t).map(c -> c == Crs.WGS84_LAT_LON ? Crs.CRS84 : c);
    }

    /**
     * The CRS of a WKT definition (WKT 1 or 2, OGC or ESRI flavour); empty when it is none that
     * RuralAtlas can reproject from.
     */
    public static Optional<Crs> fromWkt(String wkt) {
        String w = wkt.strip();
        String code = null;
        Matcher m = AUTHORITY.matcher(w);
        while (m.find()) {
            code = m.group(1); // the last authority is the whole CRS's, the earlier ones its parts'
        }
        if (code != null) {
            Optional<Crs> known = byCode(code);
            if (known.isPresent()) {
                return known;
            }
        }
        String upper = w.toUpperCase(Locale.ROOT);
        if (upper.startsWith("GEOGCS") || upper.startsWith("GEOGCRS") || upper.startsWith("GEODCRS")) {
            return upper.contains("WGS") && upper.contains("84") && !vn2000(upper)
                    ? Optional.of(Crs.CRS84)
                    : Optional.empty();
        }
        if (upper.contains("MERCATOR_AUXILIARY_SPHERE") || upper.contains("PSEUDO-MERCATOR")) {
            return Optional.of(Crs.WEB_MERCATOR);
        }
        if (!vn2000(upper) || !upper.contains("TRANSVERSE")) {
            return Optional.empty();
        }
        Double meridian = number(MERIDIAN, w);
        Double scale = number(SCALE, w);
        if (meridian == null || scale == null) {
            return Optional.empty();
        }
        if (Math.abs(scale - 0.9996) < 1e-9) {
            return meridian == 105
                    ? Optional.of(Crs.VN2000_UTM48)
                    : meridian == 111 ? Optional.of(Crs.VN2000_UTM49) : Optional.empty();
        }
        if (Math.abs(scale - 0.9999) > 1e-9) {
            return Optional.empty();
        }
        for (Crs c : Crs.values()) {
            if (c.provincialZone() && Math.abs(centralMeridian(c) - meridian) < 1e-6) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    private static boolean vn2000(String upperWkt) {
        return upperWkt.contains("VN-2000") || upperWkt.contains("VN_2000") || upperWkt.contains("VN2000");
    }

    /** The central meridian, in decimal degrees, of a transverse Mercator CRS of the enum. */
    static double centralMeridian(Crs c) {
        Matcher m = Pattern.compile("\\+lon_0=([-0-9.]+)").matcher(c.definition());
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    private static Double number(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? Double.valueOf(m.group(1)) : null;
    }
}
