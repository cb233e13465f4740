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
     * The words of the store's dictionary that may match one of {@code typed}: every word that
     * starts with a typed word, and, for a typed word of at least {@code typosFrom} letters, every
     * word that starts with something one insertion, deletion, substitution or swap of neighbours
     * away from it. Words no longer used by any feature may be among them.
     */
    Set<String> dictionary(List<String> typed, int typosFrom);

    /**
     * At most {@code max} named features of {@code layer} valid on {@code day} (for layers with
     * validity) that, for each set of {@code words}, have one of the set among their own words
     * (names, codes, id) or among those of their commune's or province's names; only those whose
     * box meets {@code bbox} when it is not null (a little more: within 10⁻⁶°). In no order.
     */
    List<Candidate> candidates(Layer layer, List<Set<String>> words, Bbox bbox, LocalDate day, int max);

    /**
     * A feature found, with what labels it: its commune's name and that commune's province (null
     * when the layer has no commune, or no commune valid on the day has its code) and the name of
     * the province of its {@code province_code} (null likewise).
     */
    record Candidate(Feature feature, String communeName, String communeProvince, String provinceName) {}
}
