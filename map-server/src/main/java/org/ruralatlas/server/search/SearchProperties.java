package org.ruralatlas.server.search;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The search index ({@code ruralatlas.search.*}), that of the embedded store: on PostGIS the
 * database searches ({@link DatabaseSearch}) and nothing here applies.
 *
 * @param memoryBytes the most heap the in-memory index may take, in bytes; layers that do not fit
 *     whole are left out of search and named in every answer ({@code layersNotSearched}); unset:
 *     an eighth of the heap (32 MB at {@code -Xmx256m}; the whole sample takes about 8 MB, a
 *     farm about 1.5 KB)
 */
@ConfigurationProperties("ruralatlas.search")
public record SearchProperties(@DefaultValue("-1") long memoryBytes) {

    public long budget() {
        return memoryBytes >= 0 ? memoryBytes : Runtime.getRuntime().maxMemory() / 8;
    }
}
