package org.ruralatlas.server.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;
import org.ruralatlas.data.feature.VietnamCalendar;
import org.ruralatlas.data.search.NameSearch;

/**
 * Search answered by the database (PostGIS), with nothing held in memory between requests and
 * nothing rebuilt after a write, whoever made it: each typed word is matched against the store's
 * dictionary of words (a superset, which {@link WordMatch} then narrows exactly), the store finds
 * each layer's features carrying a matched word for every typed word, and those candidates are
 * ranked by the same {@link SearchIndex} as the embedded store's index: the same results in the
 * same order.
 *
 * <p>Each layer gives at most {@value #CANDIDATES} candidates. The sample has fewer than that for
 * any query; at country scale a word found in more features of one layer (every farm is a
 * "trang trại") is ranked among the first {@value #CANDIDATES} the database finds.
 */
final class DatabaseSearch implements Search {

    static final int CANDIDATES = 5_000;

    private final NameSearch names;
    private final List<Layer> layers;

    DatabaseSearch(NameSearch names, LayerCatalog catalog) {
        this.names = names;
        this.layers = catalog.collections().stream()
                .filter(l -> l.property("name").isPresent())
                .sorted(Comparator.comparingDouble((Layer l) -> -SearchEntries.weight(l)))
                .toList();
    }

    @Override
    public Result search(SearchQuery query) {
        List<String> typed = query.words();
        if (typed.isEmpty()) {
            return new Result(List.of(), List.of());
        }
        List<Set<String>> dictionary = names.dictionary(typed, WordMatch.FUZZY_MIN_LENGTH, WordMatch.MAX_WORDS);
        List<Set<String>> matched = new ArrayList<>();
        for (int i = 0; i < typed.size(); i++) {
            String w = typed.get(i);
            Set<String> words = new LinkedHashSet<>();
            for (String d : dictionary.get(i)) {
                if (WordMatch.of(w, d) != null) {
                    words.add(d);
                }
            }
            if (words.isEmpty()) {
                return new Result(List.of(), List.of());
            }
            matched.add(words);
        }
        LocalDate today = VietnamCalendar.today();
        List<SearchEntry> entries = new ArrayList<>();
        Map<SearchEntry, java.util.function.Supplier<SearchEntry>> withPoints = new java.util.IdentityHashMap<>();
        Map<String, List<String>> labelWords = new java.util.HashMap<>();
        for (Layer layer : layers) {
            if (query.layers() != null && !query.layers().contains(layer.id())) {
                continue;
            }
            double weight = SearchEntries.weight(layer);
            for (NameSearch.Candidate c :
                    names.candidates(layer, matched, query.bbox(), today, CANDIDATES, SearchEntries.PROPERTIES)) {
                String[] commune = c.communeName() == null ? null : new String[] {c.communeName(), c.communeProvince()};
                SearchEntry e = SearchEntries.entry(
                        layer.id(), weight, c.feature(), commune, c.provinceName(), false, labelWords);
                if (e != null) {
                    entries.add(e);
                    withPoints.put(
                            e,
                            () -> SearchEntries.entry(
                                    layer.id(), weight, c.feature(), commune, c.provinceName(), true, labelWords));
                }
            }
        }
        // ranked without the points inside the features; the hits returned get theirs
        List<SearchHit> hits = new ArrayList<>();
        for (SearchHit h : SearchIndex.rank(entries, query, matched)) {
            hits.add(new SearchHit(withPoints.get(h.entry()).get(), h.score(), h.match()));
        }
        return new Result(hits, List.of());
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("searchedBy", "database");
        details.put("layersNotSearched", List.of());
        return details;
    }

    @Override
    public void close() {}
}
