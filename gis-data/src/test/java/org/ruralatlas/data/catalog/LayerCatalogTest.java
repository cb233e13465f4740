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
