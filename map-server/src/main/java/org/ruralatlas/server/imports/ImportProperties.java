package org.ruralatlas.server.imports;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits on imports ({@code ruralatlas.imports.*}): the largest upload (413 beyond), and for a
 * zipped shapefile the most entries and the most bytes it may inflate to (a zip bomb stops there).
 */
@ConfigurationProperties("ruralatlas.imports")
public record ImportProperties(
        @DefaultValue("512MB") DataSize maxUpload,
        @DefaultValue("32") int maxZipEntries,
        @DefaultValue("2GB") DataSize maxUnzipped) {}
