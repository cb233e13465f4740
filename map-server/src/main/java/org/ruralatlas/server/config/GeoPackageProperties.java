package org.ruralatlas.server.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The embedded store ({@code ruralatlas.geopackage.*}), used when no database is configured.
 *
 * @param path a GeoPackage file to serve; when it does not exist, the bundled sample is copied
 *     there first; when unset, a fresh copy of the sample in a temporary folder is served
 */
@ConfigurationProperties("ruralatlas.geopackage")
public record GeoPackageProperties(Path path) {}
