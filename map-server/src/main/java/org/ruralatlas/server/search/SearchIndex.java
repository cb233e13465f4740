package org.ruralatlas.server.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable in-memory index of the searchable features: a dictionary of folded words, each
 * with the entries (by position) that carry it. A query word is matched against the dictionary
 * once (a few thousand distinct words: Vietnamese names share their syllables), the rarest query
 * word gives the candidates, and every candidate must match every query word, in its names or
 * its context.
 *
 * <p>Ranking: first by the weakest way a query word matched (every word exact, then some only
 * as a prefix, then some with a typo); within that by a score: per word exact 1, prefix 0.7,
 * typo 0.5, context matches half; the whole name equal to (+1) or starting with (+0.5) the
 * query; names with few unmatched words (Phúc Hoà before Phúc Hoà Đông); the diacritics as typed
 * (Quảng Minh before Quang Minh for "Quảng"); times the layer's weight, plus popularity. Ties go by name and id, so every store gives the same order.
 */
final class SearchIndex {

    static final SearchIndex EMPTY = new SearchIndex(List.of());

    private final List<SearchEntry> entries;
    private final Map<String, int[]> postings;

    SearchIndex(List<SearchEntry> entries) {
        this.entries = List.copyOf(entries);
        Map<String, List<Integer>> lists = new TreeMap<>();
        for (int i = 0; i < this.entries.size(); i++) {
            SearchEntry e = this.entries.get(i);
            for (List<String> words : List.of(e.nameWords(), e.contextWords())) {
                for (String w : words) {
                    List<Integer> l = lists.computeIfAbsent(w, k -> new ArrayList<>());
                    if (l.isEmpty() || l.get(l.size() - 1) != i) {
                        l.add(i);
                    }
                }
            }
        }
        Map<String, int[]> p = new LinkedHashMap<>();
        lists.forEach((w, l) -> p.put(w, l.stream().mapToInt(Integer::intValue).toArray()));
        this.postings = p;
    }

    int size() {
        return entries.size();
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
            Map<String, WordMatch> m = new HashMap<>();
            long count = 0;
            for (Map.Entry<String, int[]> d : postings.entrySet()) {
                WordMatch match = WordMatch.of(words.get(i), d.getKey());
                if (match != null) {
                    m.put(d.getKey(), match);
                    count += d.getValue().length;
                }
            }
            if (m.isEmpty()) {
                return List.of();
            }
            matches.add(m);
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
        List<SearchHit> hits = new ArrayList<>();
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            SearchEntry e = entries.get(i);
            if (query.layers() != null && !query.layers().contains(e.layer())
                    || query.bbox() != null && !e.intersects(query.bbox())) {
                continue;
            }
            SearchHit hit = score(e, query, matches);
            if (hit != null) {
                hits.add(hit);
            }
        }
        hits.sort(Comparator.comparing(SearchHit::match)
                .thenComparing(Comparator.comparingDouble(SearchHit::score).reversed())
                .thenComparing(h -> h.entry().name())
                .thenComparing(h -> h.entry().layer())
                .thenComparing(h -> h.entry().id()));
        return hits.size() > query.limit() ? List.copyOf(hits.subList(0, query.limit())) : hits;
    }

    private static SearchHit score(SearchEntry e, SearchQuery query, List<Map<String, WordMatch>> matches) {
        double sum = 0;
        WordMatch weakest = WordMatch.EXACT;
        java.util.Set<String> nameWordsMatched = new java.util.HashSet<>();
        for (Map<String, WordMatch> m : matches) {
            WordMatch best = null;
            String bestWord = null;
            for (String w : e.nameWords()) {
                WordMatch match = m.get(w);
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
                    WordMatch match = m.get(w);
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
