package org.ruralatlas.server.viewer;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /viewer/config.json}: what the viewer page needs from the server's configuration. */
@RestController
@EnableConfigurationProperties(ViewerProperties.class)
public class ViewerController {

    private final ViewerProperties props;

    public ViewerController(ViewerProperties props) {
        this.props = props;
    }

    @GetMapping("/viewer/config.json")
    public ResponseEntity<Map<String, Object>> config() {
        Map<String, Object> basemap = new LinkedHashMap<>();
        basemap.put("url", props.basemapUrl().isEmpty() ? null : props.basemapUrl());
        basemap.put("attribution", props.basemapAttribution());
        basemap.put("maxZoom", props.basemapMaxZoom());
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noCache())
                .body(Map.of("basemap", basemap));
    }
}
