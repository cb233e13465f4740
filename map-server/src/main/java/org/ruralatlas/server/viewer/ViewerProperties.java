package org.ruralatlas.server.viewer;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The viewer's basemap ({@code ruralatlas.viewer.*}): an XYZ raster tile URL drawn under
 * RuralAtlas's own layers, OpenStreetMap by default. Set {@code basemap-url} empty to draw only
 * the plain basemap made from RuralAtlas's own boundaries (no request leaves the server's site),
 * which is also what the viewer falls back to when the basemap cannot be reached.
 *
 * @param basemapUrl XYZ template with {z}, {x}, {y} (the server must send CORS headers for PNG export)
 * @param basemapAttribution the attribution the basemap's licence requires, as HTML
 * @param basemapMaxZoom the basemap's highest zoom
 */
@ConfigurationProperties("ruralatlas.viewer")
public record ViewerProperties(String basemapUrl, String basemapAttribution, Integer basemapMaxZoom) {

    public ViewerProperties {
        if (basemapUrl == null) {
            basemapUrl = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
            if (basemapAttribution == null) {
                basemapAttribution =
                        "© <a href=\"https://www.openstreetmap.org/copyright\">OpenStreetMap</a> contributors";
            }
        }
        if (!basemapUrl.isEmpty()
                && !(basemapUrl.contains("{z}") && basemapUrl.contains("{x}") && basemapUrl.contains("{y}"))) {
            throw new IllegalArgumentException(
                    "ruralatlas.viewer.basemap-url must contain {z}, {x} and {y}, or be empty for no basemap");
        }
        basemapAttribution = basemapAttribution == null ? "" : basemapAttribution;
        basemapMaxZoom = basemapMaxZoom == null ? 19 : basemapMaxZoom;
    }
}
