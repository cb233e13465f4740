package org.ruralatlas.server.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ViewerPropertiesTest {

    @Test
    void openStreetMapWithItsAttributionByDefault() {
        ViewerProperties p = new ViewerProperties(null, null, null);
        assertThat(p.basemapUrl()).isEqualTo("https://tile.openstreetmap.org/{z}/{x}/{y}.png");
        assertThat(p.basemapAttribution()).contains("OpenStreetMap");
        assertThat(p.basemapMaxZoom()).isEqualTo(19);
    }

    @Test
    void anEmptyUrlMeansOnlyThePlainBasemap() {
        ViewerProperties p = new ViewerProperties("", null, 12);
        assertThat(p.basemapUrl()).isEmpty();
        assertThat(p.basemapAttribution()).isEmpty();
        assertThat(p.basemapMaxZoom()).isEqualTo(12);
    }

    @Test
    void aUrlWithoutTilePlaceholdersIsRefusedAtStart() {
        assertThatThrownBy(() -> new ViewerProperties("https://tiles.example.org/map.png", null, null))
                .hasMessageContaining("{z}");
    }
}
