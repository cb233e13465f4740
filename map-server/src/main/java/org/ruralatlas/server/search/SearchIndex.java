package org.ruralatlas.server.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.ruralatlas.data.search.WordPatterns;

/**
 * An immutable in-memory index of the searchable features: a dictionary of folded words, each
 * with the entries (by position) that carry it. A query word is matched against the dictionary
 * once (a few thousand distinct words: Vietnamese names share their syllables), the rarest query
 * word gives the candidates, and every candidate must match every query word, in its names or
 * its context. A query word whose patterns match more than {@link WordMatch#MAX_WORDS} words
 * stands for itself alone, as the database's dictionary answers.
 *
 * <p>Ranking: first by the weakest way a query word matched (every word exact, then some only
 * as a prefix, then some with a typo); within that by a score: per word exact 1, prefix 0.7,
 * typo 0.5, context matches half; the whole name equal to (+1) or starting with (+0.5) the
 * query; names with few unmatched words (Phúc Hoà before Phúc Hoà Đông); the diacritics as typed
 * (Quảng Minh before Quang Minh for "Quảng"); times the layer's weight, plus popularity. Ties go by name and id, so every store gives the same order.
 */
final class SearchIndex {

    static final SearchIndex EMPTY = new SearchIndex(List.of());

    /** Heap held per distinct word: its dictionary entry and postings array, and its place in the builder's word set. */
    static final long WORD_BYTES = 120;

    /** Best first; ties by name, layer and id, so that every store gives the same order. */
    static final Comparator<SearchHit> RANKING = Comparator.comparing(SearchHit::match)
            .thenComparing(Comparator.comparingDouble(SearchHit::score).reversed())
            .thenComparing(h -> h.entry().name())
            .thenComparing(h -> h.entry().layer())
            .thenComparing(h -> h.entry().id());

    private final List<SearchEntry> entries;
    private final Map<String, int[]> postings;
    private final List<String> layersLeftOut;
    private final long estimatedBytes;

    SearchIndex(List<SearchEntry> entries) {
        this(entries, List.of(), 0);
    }

    private SearchIndex(List<SearchEntry> entries, List<String> layersLeftOut, long estimatedBytes) {
        this.entries = List.copyOf(entries);
        this.layersLeftOut = List.copyOf(layersLeftOut);
        this.estimatedBytes = estimatedBytes;
        // two passes, so that no posting is ever a boxed Integer: count each word's entries, then fill arrays
        Map<String, int[]> counts = new TreeMap<>();
        forEachWordOnce((w, i) -> counts.computeIfAbsent(w, k -> new int[1])[0]++);
        Map<String, int[]> p = new LinkedHashMap<>();
        counts.forEach((w, n) -> p.put(w, new int[n[0]]));
        counts.replaceAll((w, n) -> new int[1]);
        forEachWordOnce((w, i) -> p.get(w)[counts.get(w)[0]++] = i);
        this.postings = p;
    }

    /** Calls {@code action} with each word of each entry and the entry's position, once per entry and word. */
    private void forEachWordOnce(java.util.function.ObjIntConsumer<String> action) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            SearchEntry e = entries.get(i);
            seen.clear();
            for (List<String> words : List.of(e.nameWords(), e.contextWords())) {
                for (String w : words) {
                    if (seen.add(w)) {
                        action.accept(w, i);
                    }
                }
            }
        }
    }

    int size() {
        return entries.size();
    }

    /** Layers whose features did not fit in the memory budget and are not searched. */
    List<String> layersLeftOut() {
        return layersLeftOut;
    }

    /** About how many bytes of heap the index holds. */
    long estimatedBytes() {
        return estimatedBytes;
    }

    /**
     * Collects entries layer by layer, most wanted layer first, within a byte budget: a layer that
     * does not fit is left out whole (half a layer would find some farms and miss others without
     * saying which), and the index says which layers it left out. Reading stops as soon as a layer
     * no longer fits, so building never holds more than the budget.
     */
    static final class Builder {

        private final long budget;
        private final List<SearchEntry> entries = new ArrayList<>();
        private final java.util.Set<String> words = new java.util.HashSet<>();
        private final List<String> layerWords = new ArrayList<>();
        private final List<String> leftOut = new ArrayList<>();
        private long bytes;
        private long reserved;
        private int layerStart;
        private long layerStartBytes;

        Builder(long budget) {
            this.budget = budget;
        }

        /** Counts {@code bytes} held while building (lookup tables) against the budget. */
        boolean reserve(long more) {
            reserved += more;
            return bytes + reserved <= budget;
        }

        void startLayer() {
            layerStart = entries.size();
            layerStartBytes = bytes;
            layerWords.clear();
        }

        /** Adds the entry if it fits; false when it does not, and the layer should be left out. */
        boolean add(SearchEntry e) {
            long cost = e.estimatedBytes();
            List<String> fresh = new ArrayList<>();
            for (List<String> l : List.of(e.nameWords(), e.contextWords())) {
                for (String w : l) {
                    if (!words.contains(w) && !fresh.contains(w)) {
                        fresh.add(w);
                    }
                }
            }
            cost += fresh.size() * WORD_BYTES;
            if (bytes + reserved + cost > budget) {
                return false;
            }
            entries.add(e);
            words.addAll(fresh);
            layerWords.addAll(fresh);
            bytes += cost;
            return true;
        }

        /** Takes back the current layer's entries: it did not fit. */
        void leaveOut(String layer) {
            entries.subList(layerStart, entries.size()).clear();
            layerWords.forEach(words::remove);
            layerWords.clear();
            bytes = layerStartBytes;
            leftOut.add(layer);
        }

        SearchIndex build() {
            return new SearchIndex(entries, leftOut, bytes);
        }
    }

    /** Distinct words in the dictionary. */
    int words() {
        return postings.size();
    }

    List<SearchHit> search(SearchQuery query) {
        List<String> words = query.words();
        if (words.isEmpty()) {
            return List.of();
        }
        List<Map<String, WordMatch>> matches = new ArrayList<>(words.size());
        int rarest = -1;
        long rarestCount = Long.MAX_VALUE;
        for (int i = 0; i < words.size(); i++) {
            Map<String, WordMatch> m = matches(words.get(i));
            if (m.isEmpty()) {
                return List.of();
            }
            matches.add(m);
            long count = 0;
            for (String w : m.keySet()) {
                count += postings.get(w).length;
            }
            if (count < rarestCount) {
                rarestCount = count;
                rarest = i;
            }
        }
        java.util.BitSet candidates = new java.util.BitSet(entries.size());
        for (String w : matches.get(rarest).keySet()) {
            for (int e : postings.get(w)) {
                candidates.set(e);
            }
        }
        List<SearchEntry> found = new ArrayList<>(candidates.cardinality());
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            found.add(entries.get(i));
        }
        return best(
                found,
                query,
                matches.stream().<Function<String, WordMatch>>map(m -> m::get).toList());
    }

    /**
     * A store's candidates for {@code query} ranked as an index of the whole store ranks them
     * ({@link DatabaseSearch}): each typed word matches the words of its set in {@code words} (the
     * store's dictionary's answer, narrowed to what it matches) and no others.
     */
    static List<SearchHit> rank(List<SearchEntry> candidates, SearchQuery query, List<java.util.Set<String>> words) {
        List<Function<String, WordMatch>> matchers = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String typed = query.words().get(i);
            java.util.Set<String> set = words.get(i);
            matchers.add(w -> set.contains(w) ? WordMatch.of(typed, w) : null);
        }
        return best(candidates, query, matchers);
    }

    /**
     * The best {@code query.limit()} of {@code candidates} in {@link #RANKING} order, each typed
     * word matched by its matcher; kept as they come (the worst kept on top), not every hit sorted:
     * thousands of candidates at country scale, of which ten are returned.
     */
    private static List<SearchHit> best(
            List<SearchEntry> candidates, SearchQuery query, List<Function<String, WordMatch>> matchers) {
        java.util.PriorityQueue<SearchHit> best = new java.util.PriorityQueue<>(RANKING.reversed());
        for (SearchEntry e : candidates) {
            if (query.layers() != null && !query.layers().contains(e.layer())
                    || query.bbox() != null && !e.intersects(query.bbox())) {
                continue;
            }
            SearchHit hit = score(e, query, matchers);
            if (hit != null && query.limit() > 0) {
                if (best.size() < query.limit()) {
                    best.add(hit);
                } else if (RANKING.compare(hit, best.peek()) < 0) {
                    best.poll();
                    best.add(hit);
                }
            }
        }
        List<SearchHit> hits = new ArrayList<>(best);
        hits.sort(RANKING);
        return hits;
    }

    /**
     * The dictionary's words that {@code typed} matches, and how. As the database's dictionary
     * answers, a typed word whose patterns match more than {@link WordMatch#MAX_WORDS} words stands
     * for itself alone.
     */
    private Map<String, WordMatch> matches(String typed) {
        List<String> patterns = WordPatterns.of(typed, WordMatch.FUZZY_MIN_LENGTH);
        Map<String, WordMatch> m = new HashMap<>();
        int patterned = 0;
        for (String d : postings.keySet()) {
            // every word a typed word matches, one of its patterns matches too (WordPatternsTest)
            WordMatch match = WordMatch.of(typed, d);
            if (match != null) {
                m.put(d, match);
                patterned++;
            } else if (WordPatterns.matchesAny(patterns, d)) {
                patterned++;
            }
        }
        if (patterned > WordMatch.MAX_WORDS) {
            return postings.containsKey(typed) ? Map.of(typed, WordMatch.EXACT) : Map.of();
        }
        return m;
    }

    private static SearchHit score(SearchEntry e, SearchQuery query, List<Function<String, WordMatch>> matches) {
        double sum = 0;
        WordMatch weakest = WordMatch.EXACT;
        java.util.Set<String> nameWordsMatched = new java.util.HashSet<>();
        for (Function<String, WordMatch> m : matches) {
            WordMatch best = null;
            String bestWord = null;
            for (String w : e.nameWords()) {
                WordMatch match = m.apply(w);
                if (match != null && (best == null || match.ordinal() < best.ordinal())) {
                    best = match;
                    bestWord = w;
                }
            }
            double score;
            if (best != null) {
                nameWordsMatched.add(bestWord);
                score = best.score();
            } else {
                for (String w : e.contextWords()) {
                    WordMatch match = m.apply(w);
                    if (match != null && (best == null || match.ordinal() < best.ordinal())) {
                        best = match;
                    }
                }
                if (best == null) {
                    return null;
                }
                score = best.score() / 2;
            }
            sum += score;
            if (best.ordinal() > weakest.ordinal()) {
                weakest = best;
            }
        }
        double s = sum / matches.size();
        if (e.nameKey().equals(query.key())) {
            s += 1.0;
        } else if (e.nameKey().startsWith(query.key())) {
            s += 0.5;
        }
        s += 0.2 * nameWordsMatched.size() / Math.max(1, e.nameWords().size());
        if (e.toneKey().startsWith(query.toneKey())) {
            s += 0.1;
        }
        return new SearchHit(e, s * e.weight() + e.popularity(), weakest);
    }
}
