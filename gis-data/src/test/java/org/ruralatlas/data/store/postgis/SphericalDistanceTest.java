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
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.TestDatabase;

/**
 * The GeoPackage store's distance for S_DWITHIN equals PostGIS's geography distance on the sphere
 * ({@code ST_Distance(a::geography, b::geography, false)}, what the PostGIS store's
 * {@code ST_DWithin(…, false)} compares): points, lines and polygons of Vietnamese size, within a
 * millimetre, from metres to hundreds of kilometres apart.
 */
@IntegrationTest
class SphericalDistanceTest {

    @Test
    void measuresAsPostgisDoesOnTheSphere() throws Exception {
        GeometryFactory f = new GeometryFactory();
        Random random = new Random(5);
        int checked = 0;
        try (Connection c = TestDatabase.dataSource(TestDatabase.freshDatabase("distance", true))
                        .getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT ST_Distance(ST_GeomFromWKB(?, 4326)::geography, "
                        + "ST_GeomFromWKB(?, 4326)::geography, false)")) {
            for (int i = 0; i < 600; i++) {
                Coordinate at = new Coordinate(102.5 + random.nextDouble() * 7, 8.7 + random.nextDouble() * 14);
                double spread = Math.pow(10, -4 + random.nextDouble() * 4); // 10 m to 100 km
                Geometry a = f.createPoint(at);
                Geometry b = switch (i % 3) {
                    case 0 ->
                        f.createPoint(new Coordinate(
                                at.x + spread * random.nextGaussian(), at.y + spread * random.nextGaussian()));
                    case 1 ->
                        f.createLineString(new Coordinate[] {
                            new Coordinate(at.x + spread, at.y - spread),
                            new Coordinate(at.x + 2 * spread, at.y + spread * random.nextDouble())
                        });
                    default ->
                        f.toGeometry(new org.locationtech.jts.geom.Envelope(
                                at.x + spread, at.x + 3 * spread, at.y - spread * random.nextDouble(), at.y + spread));
                };
                ps.setBytes(1, new WKBWriter().write(a));
                ps.setBytes(2, new WKBWriter().write(b));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    double postgis = rs.getDouble(1);
                    assertThat(SphericalDistance.distance(a, b))
                            .as("%s to %s", a, b)
                            .isCloseTo(postgis, within(0.001));
                    checked++;
                }
            }
        }
        assertThat(checked).isEqualTo(600);
    }

    /** Long edges leave the straight lines of lon/lat: what touches on the sphere is what PostGIS says touches. */
    @Test
    void intersectsOnTheSphereAsPostgisDoes() throws Exception {
        GeometryFactory f = new GeometryFactory();
        Random random = new Random(21);
        int near = 0;
        try (Connection c = TestDatabase.dataSource(TestDatabase.freshDatabase("sphere", true))
                        .getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT ST_DWithin(ST_GeomFromWKB(?, 4326)::geography, "
                                + "ST_GeomFromWKB(?, 4326)::geography, 0.001, false), ST_Intersects(ST_GeomFromWKB(?, 4326), ST_GeomFromWKB(?, 4326))")) {
            for (int i = 0; i < 2000; i++) {
                // a long line or a big box of Vietnam's size, and a small thing near where its edges run
                double x = 102 + random.nextDouble() * 6;
                double y = 9 + random.nextDouble() * 12;
                Geometry big = i % 2 == 0
                        ? f.createLineString(new Coordinate[] {
                            new Coordinate(x, y),
                            new Coordinate(x + 1 + 2 * random.nextDouble(), y + 1 + 2 * random.nextDouble())
                        })
                        : f.toGeometry(new org.locationtech.jts.geom.Envelope(
                                x, x + 1 + 2 * random.nextDouble(), y, y + 1 + 2 * random.nextDouble()));
                Coordinate on = big.getCoordinates()[0];
                Coordinate other = big.getCoordinates()[1];
                double t = random.nextDouble();
                Coordinate mid = new Coordinate(
                        on.x + t * (other.x - on.x) + random.nextGaussian() * 0.01,
                        on.y + t * (other.y - on.y) + random.nextGaussian() * 0.01);
                double r = 0.001 + random.nextDouble() * 0.005;
                Geometry small = i % 3 == 0
                        ? f.createPoint(mid)
                        : f.toGeometry(
                                new org.locationtech.jts.geom.Envelope(mid.x - r, mid.x + r, mid.y - r, mid.y + r));
                byte[] wa = new WKBWriter().write(big);
                byte[] wb = new WKBWriter().write(small);
                ps.setBytes(1, wa);
                ps.setBytes(2, wb);
                ps.setBytes(3, wa);
                ps.setBytes(4, wb);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    boolean sphere = rs.getBoolean(1);
                    assertThat(SphericalDistance.within(big, small, 0.001))
                            .as("%s near %s", big, small)
                            .isEqualTo(sphere);
                    near += sphere != rs.getBoolean(2) ? 1 : 0;
                }
            }
        }
        // the cases where the sphere and the plane disagree are there, and were decided as PostGIS does
        assertThat(near).isPositive();
    }
}
