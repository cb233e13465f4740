package org.ruralatlas.data.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LayerCatalogTest {

    private final LayerCatalog catalog = LayerCatalog.load();

    @Test
    void publishesTheFourLayersAndTheProvincesAsCollections() {
        assertThat(catalog.collections())
                .extracting(Layer::id)
                .containsExactly("farms", "zones", "communes", "tourism", "provinces");
        assertThat(catalog.layer("reported_province_figures"))
                .get()
                .extracting(Layer::isCollection)
                .isEqualTo(false);
    }

    @Test
    void everyLayerAndPropertyHasBothLanguagesAndProvenance() {
        for (Layer layer : catalog.all()) {
            assertThat(layer.title().vi()).as(layer.id()).isNotBlank();
            assertThat(layer.title().en()).as(layer.id()).isNotBlank();
            assertThat(layer.licence()).as(layer.id()).isNotBlank();
            assertThat(layer.attribution()).as(layer.id()).isNotBlank();
            assertThat(layer.properties())
                    .extracting(PropertySpec::name)
                    .contains(layer.idProperty(), "source", "source_date", "licence", "sample");
            for (PropertySpec p : layer.properties()) {
                assertThat(p.title().vi()).as(layer.id() + "." + p.name()).isNotBlank();
                assertThat(p.title().en()).as(layer.id() + "." + p.name()).isNotBlank();
                assertThat(p.description().en()).as(layer.id() + "." + p.name()).isNotBlank();
            }
        }
    }

    /**
     * The trigger that moves a commune's standing on a write from outside RuralAtlas (V20, last defined by V24) names the criteria sets a
     * commune may hold, as CommuneStanding takes them from the catalogue: a set added to one is added to the other.
     */
    @Test
    void theOutsideWritesStandingTriggerNamesTheCommunesCriteriaSets() throws java.io.IOException {
        String sql;
        try (var in = LayerCatalogTest.class.getResourceAsStream(
                "/db/migration/postgis/V24__standing_waits_for_concurrent_writers.sql")) {
            sql = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("criteria_set\"\\s+IN\\s*\\(([^)]*)\\)")
                .matcher(sql);
        assertThat(m.find()).as("the trigger's list of sets").isTrue();
        List<String> named = java.util.Arrays.stream(m.group(1).split(","))
                .map(v -> v.replace("'", "").trim())
                .toList();
        assertThat(named)
                .containsExactlyElementsOf(catalog.require("communes")
                        .property("criteria_set")
                        .orElseThrow()
                        .allowedValues());
    }

    @Test
    void followsTheDomainModel() {
        Layer communes = catalog.require("communes");
        assertThat(communes.property("ntm_level"))
                .get()
                .extracting(PropertySpec::allowedValues)
                .isEqualTo(List.of("none", "ntm", "advanced", "model", "modern_pilot"));
        assertThat(communes.temporal()).isEqualTo(new Layer.Temporal("valid_from", "valid_to"));
        assertThat(catalog.require("tourism").property("category"))
                .get()
                .extracting(PropertySpec::allowedValues)
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .hasSize(9)
                .contains("craft_village");
        assertThat(catalog.require("zones").property("status"))
                .get()
                .extracting(PropertySpec::allowedValues)
                .isEqualTo(List.of("active", "suspended", "revoked", "expired"));
    }

    @Test
    void rejectsLayersThatContradictThemselves() {
        PropertySpec name =
                new PropertySpec("name", PropertyType.STRING, null, null, null, null, null, null, false, false);
        assertThatThrownBy(() ->
                        new Layer("x", "features", "id", "Point", null, null, null, null, null, null, List.of(name)))
                .hasMessageContaining("no id property id");
        assertThatThrownBy(() -> new Layer(
                        "Bad-Id", "features", "name", "Point", null, null, null, null, null, null, List.of(name)))
                .hasMessageContaining("lower-case identifier");
        assertThatThrownBy(() -> new PropertySpec(
                        "drop table", PropertyType.STRING, null, null, null, null, null, null, false, false))
                .hasMessageContaining("lower-case identifier");
    }
}
