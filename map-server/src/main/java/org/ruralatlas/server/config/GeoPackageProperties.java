package org.ruralatlas.server.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded store ({@code ruralatlas.geopackage.*}), used when no database is configured.
 *
 * @param path a GeoPackage file to serve; unset: a fresh copy of the bundled sample in this run's
 *     temporary folder, deleted when the server stops
 * @param create when {@code path} does not exist, put the bundled sample there; without it a
 *     path that does not exist is refused (a mistyped path must not quietly serve the sample)
 */
@ConfigurationProperties("ruralatlas.geopackage")
public record GeoPackageProperties(
        Path path, @DefaultValue("false") boolean create) {}
