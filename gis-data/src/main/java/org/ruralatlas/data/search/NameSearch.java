package org.ruralatlas.data.search;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.geo.Bbox;

/**
 * Search by name done by the store itself (PostGIS: a dictionary of folded words and a GIN index
 * of each feature's words), so that the server holds no index of every named feature. It finds
 * candidates, a superset of what matches; the caller ranks them and decides exactly which match,
 * as its in-memory index would (the embedded store has no such search: the server indexes it).
 *
 * <p>Words are folded as {@link org.ruralatlas.data.text.VietnameseText#words} folds them.
 */
public interface NameSearch {

    /**
     * For each of {@code typed}, in order, the words of the store's dictionary that may match it:
     * those that one of its {@link WordPatterns#of patterns} matches (every word that starts with
     * it, and, for a typed word of at least {@code typosFrom} letters, every word that starts with
     * something one insertion, deletion, substitution or swap of neighbours away from it). A typed
     * word whose patterns match more than {@code max} words (a digit or two: the start of every id)
     * stands for itself alone, the set holding it when the dictionary does: what it would match
     * costs in proportion to the layer, not to the answer. Words no longer used by any feature may
     * be among them.
     */
    List<Set<String>> dictionary(List<String> typed, int typosFrom, int max);

    /**
     * At most {@code max} named features of {@code layer} valid on {@code day} (for layers with
     * validity) that, for each set of {@code words}, have one of the set among their own words
     * (names, codes, id) or among those of their commune's or province's names; only those whose
     * box meets {@code bbox} when it is not null (a little more: within 10⁻⁶°). In no order. Each
     * feature holds its id, geometry, commune and province codes, and of its other properties only
     * those named in {@code properties}: what ranking reads of thousands of candidates, a few of a
     * farm's fifteen columns.
     */
    List<Candidate> candidates(
            Layer layer, List<Set<String>> words, Bbox bbox, LocalDate day, int max, Set<String> properties);

    /**
     * A feature found, with what labels it: its commune's name and that commune's province (null
     * when the layer has no commune, or no commune valid on the day has its code) and the name of
     * the province of its {@code province_code} (null likewise).
     */
    record Candidate(Feature feature, String communeName, String communeProvince, String provinceName) {}
}
