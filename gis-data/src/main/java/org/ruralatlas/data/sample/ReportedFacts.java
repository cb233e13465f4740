package org.ruralatlas.data.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.store.PropertyValues;
import org.ruralatlas.data.text.VietnameseText;

/**
 * The real facts of DOMAIN.md §4 as records: reported province figures, and named historical
 * recognitions linked to the current commune whose before-merger list names the old commune.
 * Recognitions stay facts about the old unit: they are never copied onto the new commune's level.
 */
final class ReportedFacts {

    private ReportedFacts() {}

    /** One record per row, columns named as the layer's properties (reported figures, the criteria catalogue, targets). */
    static List<Feature> records(Layer layer, List<CSVRecord> rows) {
        List<Feature> out = new ArrayList<>();
        for (CSVRecord row : rows) {
            out.add(record(layer, row.toMap()));
        }
        return out;
    }

    static List<Feature> recognitions(Layer layer, List<CSVRecord> rows, List<AdminUnit> communes) {
        List<Feature> out = new ArrayList<>();
        for (CSVRecord row : rows) {
            Map<String, String> values = new LinkedHashMap<>(row.toMap());
            AdminUnit current = successor(communes, values.get("current_province_code"), values.get("old_commune"));
            values.put("commune_code", current.code());
            values.put("commune_name", current.name());
            out.add(record(layer, values));
        }
        return out;
    }

    /**
     * The current commune of the province whose before-merger list names {@code oldName} (or, for
     * an unchanged commune, that bears the name), compared diacritic- and tone-placement-insensitively.
     */
    static AdminUnit successor(List<AdminUnit> communes, String provinceCode, String oldName) {
        List<AdminUnit> exact = successors(communes, provinceCode, oldName, VietnameseText::toneInsensitive);
        List<AdminUnit> matches =
                exact.isEmpty() ? successors(communes, provinceCode, oldName, VietnameseText::fold) : exact;
        if (matches.size() != 1) {
            throw new IllegalStateException("old commune " + oldName + " (province " + provinceCode + ") matches "
                    + matches.size() + " current communes: "
                    + matches.stream().map(AdminUnit::code).toList());
        }
        return matches.get(0);
    }

    private static List<AdminUnit> successors(
            List<AdminUnit> communes,
            String provinceCode,
            String oldName,
            java.util.function.UnaryOperator<String> keyOf) {
        String key = keyOf.apply(oldName);
        List<AdminUnit> matches = new ArrayList<>();
        for (AdminUnit c : communes) {
            if (!c.provinceCode().equals(provinceCode)) {
                continue;
            }
            String before = c.beforeMerger() == null ? "" : c.beforeMerger();
            boolean unchanged = VietnameseText.fold(before).equals("giu nguyen");
            if (unchanged ? keyOf.apply(c.name()).equals(key) : namesUnit(before, key, keyOf)) {
                matches.add(c);
            }
        }
        return matches;
    }

    private static boolean namesUnit(String beforeMerger, String key, java.util.function.UnaryOperator<String> keyOf) {
        for (String part : beforeMerger.split(",")) {
            String unit = keyOf.apply(part.strip().replaceFirst("^(Xã|Phường|Thị trấn) ", ""));
            if (unit.equals(key)) {
                return true;
            }
        }
        return false;
    }

    private static Feature record(Layer layer, Map<String, String> values) {
        Map<String, Object> props = new LinkedHashMap<>();
        for (PropertySpec p : layer.properties()) {
            String v = values.get(p.name());
            props.put(
                    p.name(),
                    v == null || v.isBlank()
                            ? null
                            : p.type().isJson() ? PropertyValues.fromColumn(p, v) : PropertyValues.parse(p, v));
        }
        if (props.get("licence") == null) {
            props.put("licence", "CC-BY-4.0");
        }
        props.put("sample", false);
        return new Feature((String) props.get(layer.idProperty()), null, props);
    }
}
