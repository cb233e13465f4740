package org.ruralatlas.server.features;

import java.util.List;
import org.ruralatlas.data.geo.CrsOffer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The coordinate reference systems offered ({@code ruralatlas.crs.*}).
 *
 * @param provincialZones the VN-2000 TM-3 zones offered beside the global CRSs: {@code all} (the
 *     default: all 18, EPSG:5896–5899 and 9205–9218), {@code none}, or a list of EPSG codes such as
 *     {@code 9214} for a province's own server. Every offered CRS is listed in collection
 *     metadata and accepted by {@code crs}, {@code bbox-crs} and {@code filter-crs}; any other is a
 *     400 that lists the offered ones.
 */
@ConfigurationProperties("ruralatlas.crs")
public record CrsProperties(@DefaultValue("all") List<String> provincialZones) {

    /** The offer, checked at start-up: an unknown zone stops the server with a message naming it. */
    @Configuration(proxyBeanMethods = false)
    static class Offer {

        @Bean
        CrsOffer crsOffer(CrsProperties properties) {
            return CrsOffer.withZones(properties.provincialZones());
        }
    }
}
