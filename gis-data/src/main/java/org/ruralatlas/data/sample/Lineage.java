package org.ruralatlas.data.sample;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.text.VietnameseText;

/**
 * The lineage table old unit → new unit of the 2025 reorganisation: provinces from the list of
 * the 63 pre-2025 provinces and their successors, communes from each new commune's
 * {@code before_merger} text (the conversion information published with the 2025 boundaries).
 * That text is prose, so the commune rows are a careful reading of it, labelled as derived.
 */
final class Lineage {

    static final LocalDate OLD_VALID_TO = LocalDate.of(2025, 6, 30);
    static final String NEW_VALID_FROM = "2025-07-01";
    private static final String DERIVED = "derived from before_merger";
    private static final Pattern UNIT = Pattern.compile("(?iuU)\\b(xã|phường|thị trấn|huyện)\\s+(.+)$");
    private static final char REST_OF = '\u0001';
    private static final Pattern LIST_OF = Pattern.compile("(?iu)của (?:các |của )*(xã|phường|thị trấn)?\\s*(.*)$");

    /** One predecessor named in a before-merger text. */
    record Predecessor(String name, String unitType, boolean partial) {}

    private Lineage() {}

    static List<Feature> provinces(List<CSVRecord> rows, List<AdminUnit> provinces) {
        Map<String, AdminUnit> byCode = new LinkedHashMap<>();
        provinces.forEach(p -> byCode.put(p.code(), p));
        List<Feature> out = new ArrayList<>();
        for (CSVRecord row : rows) {
            AdminUnit successor = byCode.get(row.get("new_code"));
            if (successor == null) {
                throw new IllegalStateException(
                        "no 2025 province " + row.get("new_code") + " for " + row.get("old_name"));
            }
            boolean unchanged = VietnameseText.fold(successor.beforeMerger()).equals("giu nguyen");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lineage_id", "province~" + row.get("old_code"));
            m.put("unit_level", "province");
            m.put("old_code", row.get("old_code"));
            m.put("old_name", row.get("old_name"));
            m.put("old_unit_type", row.get("old_unit_type"));
            m.put("old_valid_to", OLD_VALID_TO);
            m.put("new_unit_id", successor.code() + "@" + NEW_VALID_FROM);
            m.put("new_code", successor.code());
            m.put("new_name", successor.name());
            m.put("province_code", successor.code());
            m.put("relation", unchanged ? "unchanged" : "whole");
            m.put(
                    "derivation",
                    "Resolution 202/2025/QH15 on the arrangement of provinces; codes of Decision 19/2025/QĐ-TTg");
            provenance(
                    m,
                    "National Assembly Resolution 202/2025/QH15; Decision 19/2025/QĐ-TTg",
                    LocalDate.of(2025, 6, 12));
            out.add(new Feature((String) m.get("lineage_id"), null, m));
        }
        return out;
    }

    static List<Feature> communes(List<AdminUnit> communes) {
        List<Feature> out = new ArrayList<>();
        for (AdminUnit c : communes) {
            List<Predecessor> parts = parse(c.beforeMerger(), c.name(), c.unitType());
            int n = 0;
            for (Predecessor p : parts) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("lineage_id", String.format(Locale.ROOT, "commune~%s~%02d", c.code(), ++n));
                m.put("unit_level", "commune");
                m.put("old_code", null);
                m.put("old_name", p.name());
                m.put("old_unit_type", p.unitType());
                m.put("old_valid_to", OLD_VALID_TO);
                m.put("new_unit_id", c.code() + "@" + NEW_VALID_FROM);
                m.put("new_code", c.code());
                m.put("new_name", c.name());
                m.put("province_code", c.provinceCode());
                boolean unchanged = parts.size() == 1 && "giu nguyen".equals(VietnameseText.fold(c.beforeMerger()));
                m.put("relation", unchanged ? "unchanged" : p.partial() ? "partial" : "whole");
                m.put("derivation", DERIVED);
                provenance(m, "Vietnamese Provinces Database (thanglequoc)", LocalDate.of(2026, 7, 25));
                out.add(new Feature((String) m.get("lineage_id"), null, m));
            }
        }
        return out;
    }

    /**
     * The units a before-merger text names: "Xã A, Xã B (phần còn lại …) và một phần diện tích
     * của các xã C, D" gives A whole, B, C and D partial. "giữ nguyên" (unchanged)
     * gives the unit itself.
     */
    static List<Predecessor> parse(String text, String selfName, String selfType) {
        List<Predecessor> out = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        // some texts of the source are in decomposed form (base letter + combining marks)
        text = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC);
        if (VietnameseText.fold(text).equals("giu nguyen")) {
            out.add(new Predecessor(selfName, selfType, false));
            return out;
        }
        String listType = null;
        boolean listPartial = false;
        boolean pendingPartial = false;
        for (String raw : stripParentheses(text).split(",|;|\\s+và\\s+|\\.\\s")) {
            boolean restOf = raw.indexOf(REST_OF) >= 0;
            String token = raw.replace(String.valueOf(REST_OF), "").strip();
            boolean partial = restOf || token.toLowerCase(Locale.ROOT).contains("phần");
            String lower = token.toLowerCase(Locale.ROOT);
            if (lower.contains("toàn bộ diện tích")) {
                listPartial = false;
                pendingPartial = false;
            }
            Matcher list = LIST_OF.matcher(token);
            if (list.find()) {
                // "một phần diện tích TN, quy mô dân số của các phường A, B": a list starts; it is
                // partial when this token or the one before said "một phần" (a part of)
                listType = list.group(1) != null ? type(list.group(1)) : listType;
                listPartial = partial || pendingPartial;
                pendingPartial = false;
                token = list.group(2).strip();
            }
            partial = partial || listPartial;
            String type;
            String name;
            Matcher unit = UNIT.matcher(token);
            if (unit.find()) {
                type = type(unit.group(1));
                name = unit.group(2);
            } else if (listType != null
                    && !token.isEmpty()
                    && token.split("\\s+").length <= 4
                    && !token.matches(".*\\d.*")) {
                type = listType;
                name = token;
            } else {
                pendingPartial = pendingPartial || lower.contains("một phần");
                continue;
            }
            String clean = name.replaceAll("\\s+", " ")
                    .replaceAll("(?iu)\\s+sau khi .*$", "")
                    .replaceAll("[.\\s]+$", "")
                    .strip();
            if (clean.isEmpty() || clean.split(" ").length > 6) {
                continue;
            }
            boolean isPartial = partial;
            String key = VietnameseText.fold(clean);
            int at = -1;
            for (int i = 0; i < out.size(); i++) {
                if (VietnameseText.fold(out.get(i).name()).equals(key)) {
                    at = i;
                }
            }
            if (at < 0) {
                out.add(new Predecessor(clean, type, isPartial));
            } else if (isPartial) {
                out.set(at, new Predecessor(out.get(at).name(), out.get(at).unitType(), true));
            }
        }
        String bare = text.strip();
        if (out.isEmpty() && bare.split("\\s+").length <= 4 && !bare.matches(".*[\\d,(].*")) {
            // a bare name ("Krông Na"): one unit of the new unit's type
            out.add(new Predecessor(bare, selfType, false));
        }
        return out;
    }

    /** Parenthesised remarks removed; one saying "phần còn lại" (the rest of) marks the unit before it partial. */
    private static String stripParentheses(String text) {
        StringBuilder b = new StringBuilder();
        int depth = 0;
        StringBuilder remark = new StringBuilder();
        for (char ch : text.toCharArray()) {
            if (ch == '(') {
                depth++;
                continue;
            }
            if (ch == ')' && depth > 0) {
                depth--;
                if (depth == 0) {
                    if (remark.toString().toLowerCase(Locale.ROOT).contains("phần")) {
                        b.append(REST_OF);
                    }
                    remark.setLength(0);
                }
                continue;
            }
            if (depth > 0) {
                remark.append(ch);
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    private static String type(String word) {
        return switch (VietnameseText.fold(word)) {
            case "phuong" -> "phuong";
            case "thi tran" -> "thi_tran";
            case "huyen" -> "huyen";
            default -> "xa";
        };
    }

    private static void provenance(Map<String, Object> m, String source, LocalDate date) {
        m.put("source", source);
        m.put("source_date", date);
        m.put("licence", "MIT");
        m.put("sample", false);
    }
}
