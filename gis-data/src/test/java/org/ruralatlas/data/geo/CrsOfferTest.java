package org.ruralatlas.data.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CrsOfferTest {

    private static final String TM3_BAC_GIANG = "http://www.opengis.net/def/crs/EPSG/0/9214";
    private static final String TM3_THANH_HOA = "http://www.opengis.net/def/crs/EPSG/0/5897";

    @Test
    void allIsTheDefaultAndOffersEveryZone() {
        assertThat(CrsOffer.withZones(List.of()).uris())
                .isEqualTo(CrsOffer.ALL.uris())
                .hasSize(23)
                .startsWith("http://www.opengis.net/def/crs/OGC/1.3/CRS84")
                .contains(TM3_BAC_GIANG, TM3_THANH_HOA);
        assertThat(CrsOffer.withZones(List.of("all"))).isEqualTo(CrsOffer.ALL);
    }

    @Test
    void aProvincesServerOffersItsOwnZoneBesideTheGlobalSystems() {
        CrsOffer bacGiang = CrsOffer.withZones(List.of(" EPSG:9214", "9214"));
        assertThat(bacGiang.uris())
                .containsExactly(
                        "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
                        "http://www.opengis.net/def/crs/EPSG/0/4326",
                        "http://www.opengis.net/def/crs/EPSG/0/3857",
                        "http://www.opengis.net/def/crs/EPSG/0/3405",
                        "http://www.opengis.net/def/crs/EPSG/0/3406",
                        TM3_BAC_GIANG);
        assertThat(bacGiang.byName("[EPSG:9214]")).contains(Crs.VN2000_TM3_107_00);
        assertThat(bacGiang.byName("https://www.opengis.net/def/crs/EPSG/0/9214"))
                .contains(Crs.VN2000_TM3_107_00);
        assertThat(bacGiang.byName(TM3_THANH_HOA))
                .as("known, but not offered here")
                .isEmpty();
        assertThat(bacGiang.byName("[EPSG:3405]")).contains(Crs.VN2000_UTM48);
    }

    @Test
    void noneOffersTheGlobalSystemsOnly() {
        CrsOffer none = CrsOffer.withZones(List.of("none"));
        assertThat(none.uris()).hasSize(5).noneMatch(u -> u.endsWith("/9214") || u.endsWith("/5896"));
        assertThat(none.crs()).noneMatch(Crs::provincialZone);
    }

    @Test
    void aCodeThatIsNotATm3ZoneIsRefusedByName() {
        for (String bad : List.of("3405", "EPSG:4326", "9219", "abc", "all,none")) {
            assertThatThrownBy(() -> CrsOffer.withZones(List.of(bad, "9214")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "' is not a VN-2000 TM-3 zone")
                    .hasMessageContaining("EPSG:5896");
        }
        assertThatThrownBy(() -> CrsOffer.withZones(List.of("all", "9214"))).hasMessageContaining("'all'");
    }
}
