package org.ruralatlas.data.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

class CrsTransformTest {

    // expected values from GDAL 3.6 / PROJ 9.1: echo "105.676578 18.682758" | gdaltransform -s_srs OGC:CRS84 -t_srs
    // EPSG:nnnn
    @ParameterizedTest
    @CsvSource({
        "http://www.opengis.net/def/crs/EPSG/0/3405, 571148.878766232, 2065970.04161733, 0.001",
        "http://www.opengis.net/def/crs/EPSG/0/3857, 11763862.8517357, 2117621.17893727, 0.001",
        "http://www.opengis.net/def/crs/EPSG/0/4326, 18.682758, 105.676578, 1e-9"
    })
    void transformsCrs84LikeGdal(String uri, double a, double b, double tolerance) {
        Crs crs = Crs.byName(uri).orElseThrow();
        double[] p = CrsTransform.fromCrs84(crs).point(105.676578, 18.682758);
        assertThat(p[0]).isCloseTo(a, within(tolerance));
        assertThat(p[1]).isCloseTo(b, within(tolerance));
        double[] back = CrsTransform.toCrs84(crs).point(p[0], p[1]);
        assertThat(back[0]).isCloseTo(105.676578, within(1e-8));
        assertThat(back[1]).isCloseTo(18.682758, within(1e-8));
    }

    @Test
    void namesByUriOrSafeCurie() {
        assertThat(Crs.byName("[EPSG:3405]")).contains(Crs.VN2000_UTM48);
        assertThat(Crs.byName("[OGC:CRS84]")).contains(Crs.CRS84);
        assertThat(Crs.byName("https://www.opengis.net/def/crs/EPSG/0/4326")).contains(Crs.WGS84_LAT_LON);
        assertThat(Crs.byName("EPSG:3405")).isEmpty();
        assertThat(Crs.byName("[EPSG]")).isEmpty();
    }

    @Test
    void geometriesAreCopiedNotChanged() {
        Geometry point = new GeometryFactory().createPoint(new Coordinate(105.676578, 18.682758));
        Geometry moved = CrsTransform.fromCrs84(Crs.VN2000_UTM48).apply(point);
        assertThat(point.getCoordinate().x).isEqualTo(105.676578);
        assertThat(moved.getCoordinate().x).isCloseTo(571148.8788, within(0.001));
        assertThat(CrsTransform.fromCrs84(Crs.CRS84).apply(point)).isSameAs(point);
    }

    @Test
    void aBoxInAnotherCrsCoversItsCurvedEdges() {
        Envelope e = CrsTransform.toCrs84(Crs.VN2000_UTM48).box(500000, 2000000, 600000, 2100000);
        double[] sw = CrsTransform.toCrs84(Crs.VN2000_UTM48).point(500000, 2000000);
        double[] ne = CrsTransform.toCrs84(Crs.VN2000_UTM48).point(600000, 2100000);
        assertThat(e.getMinX()).isLessThanOrEqualTo(sw[0]);
        assertThat(e.getMinY()).isLessThanOrEqualTo(sw[1]);
        assertThat(e.getMaxX()).isGreaterThanOrEqualTo(ne[0]);
        assertThat(e.getMaxY()).isGreaterThanOrEqualTo(ne[1]);
        assertThat(e.getWidth()).isBetween(0.9, 1.0);
    }
}
