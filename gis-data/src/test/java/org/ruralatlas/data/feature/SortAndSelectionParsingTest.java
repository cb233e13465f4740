package org.ruralatlas.data.feature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.catalog.PropertySpec;

/** {@code sortby}, {@code properties} and {@code skipGeometry} as the HTTP layer will hand them over. */
class SortAndSelectionParsingTest {

    private static final Layer ZONES = LayerCatalog.load().require("zones");

    @Test
    void sortbyTakesQueryablesWithSigns() {
        assertThat(SortKey.parse(ZONES, "-area_ha, name,+commodity"))
                .containsExactly(
                        new SortKey("area_ha", true), new SortKey("name", false), new SortKey("commodity", false));
    }

    @Test
    void sortbyRefusesWhatCannotBeSortedNamingWhatCan() {
        for (String bad : List.of("offtaker_x", "certifications", "-", "", "name,,area_ha", "name,name")) {
            assertThatThrownBy(() -> SortKey.parse(ZONES, bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("sortby");
        }
        assertThatThrownBy(() -> SortKey.parse(ZONES, "certifications"))
                .hasMessageContaining("use [zone_id, name, commodity, area_ha");
        Layer communes = LayerCatalog.load().require("communes");
        assertThatThrownBy(() -> SortKey.parse(communes, "before_merger"))
                .hasMessageContaining("not a property communes can be sorted by");
        assertThatThrownBy(() -> FeatureQuery.all(ZONES).sortedBy(List.of(new SortKey("target_markets", false))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void propertiesNameAnyPropertyAndAlwaysKeepTheId() {
        PropertySelection s = PropertySelection.parse(ZONES, "name, households", true);
        assertThat(s.applyTo(ZONES).properties())
                .extracting(PropertySpec::name)
                .containsExactly("zone_id", "name", "households");
        assertThat(s.applyTo(ZONES).hasGeometry()).isFalse();
        assertThat(PropertySelection.parse(ZONES, null, false).all()).isTrue();
        assertThat(PropertySelection.parse(ZONES, null, false).applyTo(ZONES)).isSameAs(ZONES);
        assertThat(PropertySelection.parse(ZONES, "offtaker", false)
                        .applyTo(ZONES)
                        .hasGeometry())
                .isTrue();
        assertThatThrownBy(() -> PropertySelection.parse(ZONES, "name,popularity", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("popularity is not a property of zones");
        assertThatThrownBy(() -> PropertySelection.parse(ZONES, "", false)).hasMessageContaining("an empty name");
    }

    @Test
    void equalityIsForSimpleQueryablesOnly() {
        assertThatThrownBy(() -> FeatureQuery.all(ZONES).withEqual("certifications", List.of("VietGAP")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not queryable by equality");
        assertThat(FeatureQuery.all(ZONES).withEqual("area_ha", 279.0).equalTo())
                .containsEntry("area_ha", 279.0);
    }
}
