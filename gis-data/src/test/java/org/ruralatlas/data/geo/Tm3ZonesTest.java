package org.ruralatlas.data.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ruralatlas.data.testing.IntegrationTest;

/**
 * The provincial VN-2000 TM-3 zones (EPSG:5896–5899, 9205–9218) transform exactly as PROJ does:
 * each zone, on two towns of the pre-2025 provinces that use it, against {@code gdaltransform}
 * run here (GDAL's PROJ and its EPSG database), both ways, within 1 cm.
 *
 * <p>The datum shift is EPSG:6960 (VN-2000 to WGS 84 (2), all of Vietnam), as DOMAIN.md says and
 * as PROJ writes each zone's definition. PROJ's own choice for a point differs in one place: in
 * the south (9.35–11.04°N, 104.24–107.11°E) it prefers EPSG:5194 (VN-2000 to WGS 84 (1), a
 * regional shift of the same stated accuracy, 1 m), about 0.8 m away. So the zones are compared
 * with PROJ given the zone as PROJ defines it, with its EPSG:6960 shift; and with the EPSG code
 * itself wherever PROJ picks that shift too.
 */
@IntegrationTest
class Tm3ZonesTest {

    /** 1 cm, in metres and (roughly) in degrees. */
    private static final double CM = 0.01;

    private static final double CM_IN_DEGREES = 0.01 / 111_000;

    @ParameterizedTest(name = "EPSG:{0} at {5} and {6}")
    @CsvSource(
            delimiter = '|',
            value = {
                "5896 | 103.016 | 21.386 | 102.300 | 22.300 | Điện Biên Phủ | Mường Nhé",
                "5897 | 105.776 | 19.807 | 105.910 | 20.253 | Thanh Hoá | Ninh Bình",
                "5898 | 108.800 | 15.120 | 108.900 | 14.900 | Quảng Ngãi | Đức Phổ",
                "5899 | 107.080 | 20.950 | 108.200 | 16.050 | Hạ Long | Đà Nẵng",
                "9205 | 103.460 | 22.400 | 103.016 | 21.386 | Lai Châu | Điện Biên Phủ",
                "9206 | 103.910 | 21.330 | 104.300 | 21.000 | Sơn La | Mộc Châu",
                "9207 | 105.150 | 9.180 | 105.080 | 10.010 | Cà Mau | Rạch Giá",
                "9208 | 103.970 | 22.490 | 105.680 | 18.670 | Lào Cai | Vinh",
                "9209 | 106.070 | 21.180 | 106.170 | 20.420 | Bắc Ninh | Nam Định",
                "9210 | 106.680 | 20.860 | 106.660 | 10.770 | Hải Phòng | Hồ Chí Minh",
                "9211 | 105.210 | 21.820 | 105.340 | 20.810 | Tuyên Quang | Hoà Bình",
                "9212 | 106.900 | 11.540 | 107.100 | 16.820 | Đồng Xoài | Đông Hà",
                "9213 | 105.850 | 21.590 | 105.830 | 22.150 | Thái Nguyên | Bắc Kạn",
                "9214 | 106.190 | 21.270 | 107.580 | 16.460 | Bắc Giang | Huế",
                "9215 | 106.760 | 21.850 | 107.000 | 21.600 | Lạng Sơn | Lộc Bình",
                "9216 | 108.000 | 14.350 | 107.700 | 14.700 | Kon Tum | Đắk Tô",
                "9217 | 109.220 | 13.770 | 109.190 | 12.240 | Quy Nhơn | Nha Trang",
                "9218 | 108.050 | 12.670 | 108.000 | 13.980 | Buôn Ma Thuột | Pleiku"
            })
    void transformsLikeProj(int epsg, double lon1, double lat1, double lon2, double lat2, String town1, String town2)
            throws Exception {
        Crs crs = Crs.byName("http://www.opengis.net/def/crs/EPSG/0/" + epsg).orElseThrow();
        assertThat(crs.projected()).isTrue();
        assertThat(crs.latitudeFirst()).isFalse();
        String proj = projDefinition(epsg);
        assertThat(proj)
                .as("PROJ's definition of EPSG:%d", epsg)
                .contains(
                        "+towgs84=-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278",
                        "+k=0.9999 +x_0=500000 +y_0=0");
        double[][] lonLat = {{lon1, lat1}, {lon2, lat2}};
        compare(crs, proj, lonLat, town1 + ", " + town2);
        for (double[] p : lonLat) {
            boolean south = p[1] >= 9.35 && p[1] <= 11.04 && p[0] >= 104.24 && p[0] <= 107.11;
            if (!south) {
                compare(crs, "EPSG:" + epsg, new double[][] {p}, "EPSG:" + epsg + " itself");
            }
        }
    }

    /** Ours against gdaltransform into {@code target} and back, within 1 cm. */
    private static void compare(Crs crs, String target, double[][] lonLat, String what) throws Exception {
        List<double[]> proj = gdaltransform("OGC:CRS84", target, lonLat);
        CrsTransform forward = CrsTransform.fromCrs84(crs);
        CrsTransform back = CrsTransform.toCrs84(crs);
        for (int i = 0; i < lonLat.length; i++) {
            double[] ours = forward.point(lonLat[i][0], lonLat[i][1]);
            assertThat(ours[0]).as("easting, %s, point %d", what, i).isCloseTo(proj.get(i)[0], within(CM));
            assertThat(ours[1]).as("northing, %s, point %d", what, i).isCloseTo(proj.get(i)[1], within(CM));
        }
        double[][] projected = proj.stream().map(p -> new double[] {p[0], p[1]}).toArray(double[][]::new);
        List<double[]> lonLatByProj = gdaltransform(target, "OGC:CRS84", projected);
        for (int i = 0; i < projected.length; i++) {
            double[] ours = back.point(projected[i][0], projected[i][1]);
            assertThat(ours[0])
                    .as("longitude, %s, point %d", what, i)
                    .isCloseTo(lonLatByProj.get(i)[0], within(CM_IN_DEGREES));
            assertThat(ours[1])
                    .as("latitude, %s, point %d", what, i)
                    .isCloseTo(lonLatByProj.get(i)[1], within(CM_IN_DEGREES));
        }
    }

    /** The zone as PROJ defines it from its EPSG database ({@code gdalsrsinfo -o proj4}). */
    private static String projDefinition(int epsg) throws Exception {
        Process p = new ProcessBuilder("gdalsrsinfo", "-o", "proj4", "EPSG:" + epsg)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void meridiansAreReadSexagesimal() {
        assertThat(Crs.sexagesimal("104.45")).isEqualTo(104.75);
        assertThat(Crs.sexagesimal("107.00")).isEqualTo(107.0);
        assertThat(Crs.sexagesimal("106.15")).isEqualTo(106.25);
        // on its central meridian a point has the false easting, 500 km, whichever zone
        assertThat(CrsTransform.fromCrs84(Crs.byName("[EPSG:9208]").orElseThrow())
                        .point(104.75, 21)[0])
                .isCloseTo(500_000, within(250.0)); // the datum shift moves it by 200 m, not by the 30 km of 104.45°
        assertThat(CrsOffer.ALL.uris())
                .contains("http://www.opengis.net/def/crs/EPSG/0/5896", "http://www.opengis.net/def/crs/EPSG/0/9218")
                .hasSize(5 + 18);
    }

    /** Runs {@code gdaltransform -s_srs from -t_srs to} on the points and reads its answers. */
    static List<double[]> gdaltransform(String from, String to, double[][] points) throws Exception {
        Process p = new ProcessBuilder("gdaltransform", "-s_srs", from, "-t_srs", to)
                .redirectErrorStream(true)
                .start();
        try (OutputStream in = p.getOutputStream()) {
            for (double[] point : points) {
                in.write(String.format(Locale.ROOT, "%.10f %.10f%n", point[0], point[1])
                        .getBytes(StandardCharsets.US_ASCII));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<double[]> result = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            result.add(Arrays.stream(line.trim().split("\\s+"))
                    .mapToDouble(Double::parseDouble)
                    .toArray());
        }
        assertThat(result).as(out).hasSize(points.length);
        return result;
    }
}
