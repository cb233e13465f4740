package org.ruralatlas.server.features;

import java.io.ByteArrayOutputStream;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.geo.Crs;
import org.ruralatlas.data.io.GeoJsonWriter;
import org.ruralatlas.data.io.Sha256;
import org.ruralatlas.server.ogcapi.Conditional;
import org.ruralatlas.server.ogcapi.OutputFormat;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The strong entity tag of one feature: a digest of the feature as GeoJSON, so it changes exactly
 * when the feature does (whatever else of its layer changes) and is the same on both stores.
 * Other representations of the feature (HTML, another CRS) get the same digest with a suffix;
 * {@code If-Match} on a write compares the digest, the state of the feature, by strong comparison
 * (RFC 9110 §13.1.1: a weak tag never matches).
 */
public final class ItemTag {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ItemTag() {}

    /** The digest of the feature's state. */
    public static String digest(Feature f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            GeoJsonWriter.writeFeature(g, f);
        }
        return Sha256.hex(out.toByteArray(), 16);
    }

    /** The ETag of a representation: {@code variant} is empty for GeoJSON in CRS84, else what differs (e.g. "html"). */
    public static String etag(Feature f, String variant) {
        return "\"" + digest(f) + (variant.isEmpty() ? "" : "-" + variant) + "\"";
    }

    /** What distinguishes a representation of a feature other than GeoJSON in CRS84: HTML in a language, another CRS. */
    static String variant(OutputFormat format, Crs crs, String lang) {
        return format == OutputFormat.HTML
                ? "html." + lang
                : crs.equals(Crs.CRS84) ? "" : "crs." + Sha256.hex(crs.uri(), 4);
    }

    /** True when an {@code If-Match} header's list names this feature's state (or is {@code *}). */
    public static boolean matches(String ifMatch, Feature f) {
        String digest = digest(f);
        for (String t : Conditional.entityTags(ifMatch)) {
            if (t.equals("*")) {
                return true;
            }
            if (t.startsWith("\"") && t.endsWith("\"") && t.length() >= 2) {
                String opaque = t.substring(1, t.length() - 1);
                int dash = opaque.indexOf('-');
                if ((dash < 0 ? opaque : opaque.substring(0, dash)).equals(digest)) {
                    return true;
                }
            }
        }
        return false;
    }
}
