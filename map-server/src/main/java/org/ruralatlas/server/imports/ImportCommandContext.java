package org.ruralatlas.server.imports;

import org.ruralatlas.server.config.DatabaseProperties;
import org.ruralatlas.server.config.FeatureStoreConfiguration;
import org.ruralatlas.server.config.GeoPackageProperties;
import org.ruralatlas.server.features.EditsConfiguration;
import org.ruralatlas.server.health.Workers;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What {@code java -jar ruralatlas.jar import} starts, and nothing more: the store (with its
 * schema check), the catalogue, the edits, the provinces and the import limits, bound from the
 * same settings as the server's. No component scan and no auto-configuration: the search index,
 * the tile cache, the change feed's listeners and the web server cost an import seconds of CPU
 * (issue 14: about 20 s) and do nothing for it. The HTTP route keeps the whole server's context.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DatabaseProperties.class, GeoPackageProperties.class, ImportProperties.class})
@Import({FeatureStoreConfiguration.class, EditsConfiguration.class, Workers.class})
public class ImportCommandContext {}
