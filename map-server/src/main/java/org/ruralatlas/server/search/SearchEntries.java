package org.ruralatlas.server.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.text.VietnameseText;

/**
 * What search knows of a feature, made the same way whichever store it came from (the in-memory
 * index of the embedded store, or the database's candidates on PostGIS), so that both rank alike.
 */
final class SearchEntries {

    /** Ranking weight per layer: places people look for by name first, producers last. */
    private static final Map<String, Double> WEIGHTS =
            Map.of("provinces", 1.2, "communes", 1.1, "tourism", 1.0, "zones", 0.9, "farms", 0.8);

    /** The properties an entry is made of (besides the id and geometry): all a store needs to read of a candidate. */
    static final java.util.Set<String> PROPERTIES = java.util.Set.of(
            "name", "name_en", "province_name", "code", "growing_area_code", "ocop_stars", "ntm_level");

    private SearchEntries() {}

    static double weight(Layer layer) {
        return WEIGHTS.getOrDefault(layer.id(), 1.0);
    }

    /**
     * A named feature's entry, labelled with its commune ({@code commune}: its name and province's
     * name; null when the day's communes have none of its code) or else the province of its code
     * ({@code province}, null for none); null for a feature with no name or no geometry. The point
     * inside the feature is there only when {@code withPoint} (null otherwise): finding it in a
     * commune's polygon costs about a millisecond, which ranking does not need, so the database's
     * candidates are ranked without it and only those returned get theirs. {@code labelWords}
     * keeps the words of each label folded once: the farms of one commune share theirs.
     */
    static SearchEntry entry(
            String layer,
            double weight,
            Feature f,
            String[] commune,
            String province,
            boolean withPoint,
            Map<String, List<String>> labelWords) {
        Map<String, Object> p = f.properties();
        String name = text(p.get("name"));
        if (name.isEmpty() || f.geometry() == null || f.geometry().isEmpty()) {
            return null;
        }
        String communeName = null;
        String provinceName = text(p.get("province_name"));
        if (commune != null && !"communes".equals(layer)) {
            communeName = commune[0];
            provinceName = commune[1];
        }
        if (provinceName.isEmpty()) {
            provinceName = province == null ? "" : province;
        }
        String label = String.join(
                ", ",
                java.util.stream.Stream.of(communeName, provinceName)
                        .filter(s -> s != null && !s.isEmpty())
                        .toList());
        List<String> folded = VietnameseText.words(name);
        List<String> nameWords = new ArrayList<>(folded);
        for (String w : VietnameseText.words(text(p.get("name_en")))) {
            if (!nameWords.contains(w)) {
                nameWords.add(w);
            }
        }
        List<String> context = new ArrayList<>(labelWords.computeIfAbsent(label, VietnameseText::words));
        for (String code : new String[] {text(p.get("code")), text(p.get("growing_area_code")), f.id()}) {
            context.addAll(VietnameseText.words(code));
        }
        Geometry g = f.geometry();
        Point inside = !withPoint ? null : g.getDimension() == 0 ? g.getCentroid() : g.getInteriorPoint();
        Envelope env = g.getEnvelopeInternal();
        return new SearchEntry(
                layer,
                f.id(),
                name,
                label,
                inside == null ? null : new double[] {round(inside.getX()), round(inside.getY())},
                new double[] {round(env.getMinX()), round(env.getMinY()), round(env.getMaxX()), round(env.getMaxY())},
                weight,
                popularity(p),
                String.join(" ", folded),
                SearchQuery.toneKey(name),
                List.copyOf(nameWords),
                List.copyOf(context));
    }

    /** A tie-breaker worth less than any difference in matching: OCOP stars, NTM level. */
    private static double popularity(Map<String, Object> p) {
        double stars = p.get("ocop_stars") instanceof Number n ? n.doubleValue() : 0;
        double level = switch (text(p.get("ntm_level"))) {
            case "ntm" -> 1;
            case "advanced" -> 2;
            case "model", "modern_pilot" -> 3;
            default -> 0;
        };
        return 0.001 * (stars + level);
    }

    static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
