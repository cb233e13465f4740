package org.ruralatlas.server.search;

import java.util.List;
import java.util.Map;

/**
 * What answers {@code /search}, whichever store holds the data: the in-memory index of the
 * embedded store ({@link SearchIndexer}), or the database itself on PostGIS ({@link
 * DatabaseSearch}). Both find and rank alike ({@link SearchIndex}), so the answers are the same.
 */
public interface Search extends AutoCloseable {

    /** The best matches, best first, and the layers that were not searched (over a memory budget). */
    Result search(SearchQuery query);

    /** What health shows of it. */
    Map<String, Object> details();

    @Override
    void close();

    /** The hits, and the layers left out of search (never silently: the answer names them). */
    record Result(List<SearchHit> hits, List<String> layersNotSearched) {}
}
