package org.ruralatlas.data.store.postgis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.WKBWriter;
import org.ruralatlas.data.filter.SphericalDistance;
import org.ruralatlas.data.testing.TestDatabase;

/**
 * The GeoPackage store's distance for S_DWITHIN equals PostGIS's geography distance on the sphere
 * ({@code ST_Distance(a::geography, b::geography, false)}, what the PostGIS store's
 * {@code ST_DWithin(…, false)} compares): points, lines and polygons of Vietnamese size, within a
 * millimetre, from metres to hundreds of kilometres apart.
 */
class SphericalDistanceTest {

    @Test
    void measuresAsPostgisDoesOnTheSphere() throws Exception {
        GeometryFactory f = new GeometryFactory();
        Random random = new Random(5);
        int checked = 0;
        try (Connection c = TestDatabase.dataSource(TestDatabase.freshDatabase("distance", true)).getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT ST_Distance(ST_GeomFromWKB(?, 4326)::geography, "
                        + "ST_GeomFromWKB(?, 4326)::geography, false)")) {
            for (int i = 0; i < 600; i++) {
                Coordinate at = new Coordinate(102.5 + random.nextDouble() * 7, 8.7 + random.nextDouble() * 14);
                double spread = Math.pow(10, -4 + random.nextDouble() * 4); // 10 m to 100 km
                Geometry a = f.createPoint(at);
                Geometry b = switch (i % 3) {
                    case 0 -> f.createPoint(new Coordinate(at.x + spread * random.nextGaussian(), at.y + spread * random.nextGaussian()));
                    case 1 -> f.createLineString(new Coordinate[] {
                        new Coordinate(at.x + spread, at.y - spread), new Coordinate(at.x + 2 * spread, at.y + spread * random.nextDouble())});
                    default -> f.toGeometry(new org.locationtech.jts.geom.Envelope(at.x + spread, at.x + 3 * spread,
                            at.y - spread * random.nextDouble(), at.y + spread));
                };
                ps.setBytes(1, new WKBWriter().write(a));
                ps.setBytes(2, new WKBWriter().write(b));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    double postgis = rs.getDouble(1);
                    assertThat(SphericalDistance.distance(a, b)).as("%s to %s", a, b).isCloseTo(postgis, within(0.001));
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(600);
    }
}
