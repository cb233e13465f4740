package org.ruralatlas.data.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

class GeoJsonWriterTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "1234567, 0.1234567",
        "-5, -0.0000005",
        "1050000000, 105",
        "1058384701, 105.8384701",
        "1050000010, 105.000001",
        "-1800000000, -180",
        "209000000, 20.9",
        "-10, -0.000001",
        "9000000000000000000, 900000000000",
        "-8999999999999999999, -899999999999.9999999"
    })
    void formatsScaledCoordinatesAsPlainDecimals(long scaled, String text) {
        assertThat(GeoJsonWriter.format(scaled)).isEqualTo(text);
    }

    @Test
    void roundsCoordinatesToSevenDecimals() {
        var point = new GeometryFactory().createPoint(new Coordinate(105.83847012345678, -20.123456789));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JsonMapper.builder().build().createGenerator(out)) {
            GeoJsonWriter.writeGeometry(g, point);
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"Point\",\"coordinates\":[105.8384701,-20.1234568]}");
    }
}
