package org.ruralatlas.data.ntm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.feature.Feature;

/** What a traceability code resolves to, and in which order the kinds of code are tried. */
class TracedTest {

    /** Records by layer and id, and the look-ups a resolution made. */
    private static final class Records implements Traced.Lookup {
        final Map<String, Feature> byKey = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        Records with(String layer, String id, Map<String, Object> properties) {
            byKey.put(layer + "/" + id, new Feature(id, null, properties));
            return this;
        }

        @Override
        public List<Feature> growingAreas(String code) {
            asked.add("growing_area_code=" + code);
            return byKey.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("zones/")
                            && code.equals(e.getValue().properties().get("growing_area_code")))
                    .map(Map.Entry::getValue)
                    .toList();
        }

        @Override
        public Optional<Feature> get(String layer, String id) {
            asked.add(layer + "/" + id);
            return Optional.ofNullable(byKey.get(layer + "/" + id));
        }
    }

    private static Records sample() {
        return new Records()
                .with("zones", "zone-0001", Map.of("growing_area_code", "VN-BNOR-0001", "status", "revoked"))
                .with(
                        "farms",
                        "farm-00372",
                        Map.of(
                                "name",
                                "Trang trại",
                                "ocop_products",
                                List.of(
                                        Map.of("id", "OCOP-00372-1", "name", "Chè Tân An", "stars", 5),
                                        Map.of("id", "OCOP-00372-2", "name", "Chè sấy Tân An", "stars", 3))));
    }

    @Test
    void aGrowingAreaCodeNamesItsZoneAndCarriesTheZonesStatus() {
        Traced t = Traced.resolve("VN-BNOR-0001", sample()).orElseThrow();
        assertThat(t.kind()).isEqualTo(Traced.Kind.GROWING_AREA);
        assertThat(t.kind().id()).isEqualTo("growing_area");
        assertThat(t.feature().id()).isEqualTo("zone-0001");
        assertThat(t.zone()).isTrue();
        assertThat(t.status()).isEqualTo("revoked");
        assertThat(t.product()).isNull();
    }

    @Test
    void zoneAndFarmIdsResolveToThemselvesAndAFarmIsAlwaysActive() {
        assertThat(Traced.resolve("zone-0001", sample()).orElseThrow().kind()).isEqualTo(Traced.Kind.ZONE);
        Traced farm = Traced.resolve("farm-00372", sample()).orElseThrow();
        assertThat(farm.kind()).isEqualTo(Traced.Kind.FARM);
        assertThat(farm.layer()).isEqualTo("farms");
        assertThat(farm.zone()).isFalse();
        assertThat(farm.status()).isEqualTo("active");
    }

    @Test
    void anOcopProductIsFoundOnItsProducersListOfProducts() {
        Traced t = Traced.resolve("OCOP-00372-2", sample()).orElseThrow();
        assertThat(t.kind()).isEqualTo(Traced.Kind.OCOP_PRODUCT);
        assertThat(t.feature().id()).isEqualTo("farm-00372");
        assertThat(t.product()).isEqualTo(new OcopProduct("OCOP-00372-2", "Chè sấy Tân An", 3));
    }

    @Test
    void anOcopIdThatItsProducerDoesNotListOrOfNoProducerIsUnknown() {
        assertThat(Traced.resolve("OCOP-00372-9", sample())).isEmpty();
        assertThat(Traced.resolve("OCOP-00999-1", sample())).isEmpty();
        // a farm without products, and an id shaped almost like a product's
        Records r = sample().with("farms", "farm-00001", Map.of("name", "x"));
        assertThat(Traced.resolve("OCOP-00001-1", r)).isEmpty();
        assertThat(Traced.resolve("OCOP-372-1", r)).isEmpty();
    }

    @Test
    void aGrowingAreaCodeWinsOverAnIdOfTheSameSpelling() {
        Records r = sample().with("farms", "VN-BNOR-0001", Map.of("name", "a farm with an unlucky id"));
        assertThat(Traced.resolve("VN-BNOR-0001", r).orElseThrow().kind()).isEqualTo(Traced.Kind.GROWING_AREA);
    }

    @Test
    void anOverlongCodeIsUnknownWithoutALookUp() {
        Records r = sample();
        assertThat(Traced.resolve("x".repeat(Traced.MAX_LENGTH + 1), r)).isEmpty();
        assertThat(r.asked).isEmpty();
        assertThat(Traced.resolve("x".repeat(Traced.MAX_LENGTH), r)).isEmpty();
        assertThat(r.asked).isNotEmpty();
    }
}
