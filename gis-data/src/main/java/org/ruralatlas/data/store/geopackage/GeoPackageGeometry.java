package org.ruralatlas.data.store.geopackage;

import java.io.IOException;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ByteArrayInStream;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.ruralatlas.data.store.FeatureStoreException;

/**
 * GeoPackage geometry blobs ↔ JTS. Reading skips the standard binary header (GeoPackage 1.3
 * §2.1.3) and hands the WKB after it straight to JTS, so no intermediate geometry model is built
 * per feature; writing goes through NGA's encoder, which also writes the envelope.
 */
public final class GeoPackageGeometry {

    private GeoPackageGeometry() {}

    /** The JTS geometry of a blob; null for a null blob or the empty flag. */
    public static Geometry read(byte[] blob, WKBReader reader) {
        if (blob == null) {
            return null;
        }
        if (blob.length < 8 || blob[0] != 'G' || blob[1] != 'P') {
            throw new FeatureStoreException("not a GeoPackage geometry blob");
        }
        int flags = blob[3];
        if ((flags & 0x10) != 0) {
            return null;
        }
        int envelope = (flags >> 1) & 0x07;
        int envelopeBytes = switch (envelope) {
            case 0 -> 0;
            case 1 -> 32;
            case 2, 3 -> 48;
            case 4 -> 64;
            default -> throw new FeatureStoreException("invalid GeoPackage envelope indicator " + envelope);
        };
        int offset = 8 + envelopeBytes;
        try {
            ByteArrayInStream in = new ByteArrayInStream(blob);
            in.read(new byte[offset]);
            return reader.read(in);
        } catch (IOException | ParseException e) {
            throw new FeatureStoreException("unreadable geometry", e);
        }
    }

    /** The blob for a geometry in EPSG:4326, with its envelope. */
    public static byte[] write(Geometry geometry) {
        if (geometry == null) {
            return null;
        }
        try {
            byte[] wkb = new WKBWriter(2, org.locationtech.jts.io.ByteOrderValues.LITTLE_ENDIAN).write(geometry);
            return GeoPackageGeometryData.createFromWkbBuildEnvelopeAndWrite(4326, wkb)
                    .toBytes();
        } catch (IOException e) {
            throw new FeatureStoreException("cannot encode geometry", e);
        }
    }
}
