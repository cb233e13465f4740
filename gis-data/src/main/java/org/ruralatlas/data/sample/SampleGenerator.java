package org.ruralatlas.data.sample;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.locationtech.jts.algorithm.construct.MaximumInscribedCircle;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.io.GeoJsonGeometries;

/**
 * Generates the illustrative records of the sample (farms, zones, tourism sites, current NTM
 * assessments) from a fixed seed, so every build produces the same data. Everything is placed
 * inside real commune polygons (so on land, in Vietnam), and where DOMAIN.md says it belongs:
 * lychee around Lục Ngạn and Tân Yên, tea in Thái Nguyên and Tuyên Quang, coffee in the Central
 * Highlands, rice and fruit in the Mekong delta, tourism near real GeoNames places.
 */
final class SampleGenerator {

    static final String SAMPLE_SOURCE = "RuralAtlas sample generator (illustrative, not real observations)";
    static final LocalDate SAMPLE_DATE = LocalDate.of(2026, 7, 1);
    private static final long SEED = 20250701L;

    private record ZonePlan(String commodity, String province, double lon, double lat, int count) {}

    /** Where zones of each commodity lie; lon/lat 0 means anywhere rural in the province. */
    private static final List<ZonePlan> ZONES = List.of(
            new ZonePlan("vai_thieu", "24", 106.55, 21.38, 8), // Lục Ngạn
            new ZonePlan("vai_thieu", "24", 106.10, 21.36, 5), // Tân Yên, Phúc Hòa
            new ZonePlan("che", "19", 105.77, 21.57, 6), // Tân Cương, Thái Nguyên
            new ZonePlan("che", "08", 105.10, 22.10, 4), // Tuyên Quang
            new ZonePlan("che", "68", 107.80, 11.55, 2), // Bảo Lộc
            new ZonePlan("ca_phe", "66", 108.05, 12.68, 6), // Buôn Ma Thuột
            new ZonePlan("ca_phe", "68", 108.10, 11.80, 3),
            new ZonePlan("ca_phe", "52", 108.00, 13.98, 3),
            new ZonePlan("sau_rieng", "66", 108.20, 12.70, 3),
            new ZonePlan("sau_rieng", "75", 107.30, 11.10, 3),
            new ZonePlan("sau_rieng", "82", 106.10, 10.40, 2), // Cai Lậy
            new ZonePlan("cam", "40", 105.20, 19.35, 3), // Quỳ Hợp
            new ZonePlan("cam", "08", 105.05, 22.05, 3), // Hàm Yên
            new ZonePlan("lua", "82", 105.75, 10.55, 3),
            new ZonePlan("lua", "91", 105.20, 10.45, 3),
            new ZonePlan("lua", "92", 105.60, 10.10, 2),
            new ZonePlan("xoai", "82", 105.63, 10.46, 3), // Cao Lãnh
            new ZonePlan("thanh_long", "68", 108.10, 10.95, 3), // Hàm Thuận
            new ZonePlan("buoi", "86", 106.05, 10.25, 2),
            new ZonePlan("ho_tieu", "75", 107.15, 11.50, 2),
            new ZonePlan("dieu", "75", 106.95, 11.80, 2));

    private static final Map<String, String[]> PRODUCT_NAMES = Map.ofEntries(
            Map.entry("vai_thieu", new String[] {"vải thiều", "lychee"}),
            Map.entry("che", new String[] {"chè", "tea"}),
            Map.entry("lua", new String[] {"lúa", "rice"}),
            Map.entry("ca_phe", new String[] {"cà phê", "coffee"}),
            Map.entry("sau_rieng", new String[] {"sầu riêng", "durian"}),
            Map.entry("cam", new String[] {"cam", "orange"}),
            Map.entry("xoai", new String[] {"xoài", "mango"}),
            Map.entry("thanh_long", new String[] {"thanh long", "dragon fruit"}),
            Map.entry("buoi", new String[] {"bưởi", "pomelo"}),
            Map.entry("ho_tieu", new String[] {"hồ tiêu", "pepper"}),
            Map.entry("dieu", new String[] {"điều", "cashew"}),
            Map.entry("rau", new String[] {"rau an toàn", "vegetables"}),
            Map.entry("nam", new String[] {"nấm", "mushrooms"}),
            Map.entry("mat_ong", new String[] {"mật ong", "honey"}),
            Map.entry("thuy_san", new String[] {"thủy sản", "aquaculture"}),
            Map.entry("chan_nuoi", new String[] {"chăn nuôi", "livestock"}));

    private static final Map<String, List<String>> MARKETS = Map.of(
            "vai_thieu", List.of("AU", "CN", "JP", "US"),
            "sau_rieng", List.of("CN"),
            "xoai", List.of("AU", "KR", "US"),
            "thanh_long", List.of("CN", "KR", "NZ", "US"),
            "ca_phe", List.of("DE", "JP", "US"),
            "che", List.of("PK", "TW"),
            "buoi", List.of("NL", "US"),
            "ho_tieu", List.of("DE", "IN", "US"),
            "dieu", List.of("CN", "NL", "US"));

    private static final String[] FAMILY = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"};
    private static final String[] GIVEN = {
        "Văn An",
        "Thị Bình",
        "Văn Cường",
        "Thị Dung",
        "Minh Đức",
        "Thị Hoa",
        "Văn Hùng",
        "Thị Lan",
        "Quang Minh",
        "Thị Nga",
        "Văn Phúc",
        "Thị Thủy",
        "Đức Thắng",
        "Thị Yến"
    };

    private final Random random = new Random(SEED);
    private final List<AdminUnit> communes;
    private final Map<String, AdminUnit> communeByCode = new LinkedHashMap<>();
    private final Map<String, List<AdminUnit>> ruralByProvince = new TreeMap<>();
    private final Map<String, String> provinceNameEn = new TreeMap<>();

    SampleGenerator(List<AdminUnit> provinces, List<AdminUnit> communes) {
        this.communes = communes;
        for (AdminUnit c : communes) {
            communeByCode.put(c.code(), c);
            if (c.isRural()) {
                ruralByProvince
                        .computeIfAbsent(c.provinceCode(), k -> new ArrayList<>())
                        .add(c);
            }
        }
        provinces.forEach(p -> provinceNameEn.put(p.code(), p.nameEn()));
    }

    /** The provinces layer: real boundaries and names, nothing generated. */
    List<Feature> provinces(List<AdminUnit> provinces) {
        List<Feature> out = new ArrayList<>();
        for (AdminUnit p : provinces) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("unit_id", p.code() + "@2025-07-01");
            m.put("code", p.code());
            m.put("name", p.name());
            m.put("name_en", p.nameEn());
            m.put("unit_type", p.unitType());
            m.put("area_km2", p.areaKm2());
            m.put("commune_count", p.communeCount());
            m.put("before_merger", p.beforeMerger());
            m.put("valid_from", LocalDate.of(2025, 7, 1));
            m.put("valid_to", null);
            boundaryProvenance(m);
            out.add(feature("unit_id", m, p.geometry()));
        }
        return out;
    }

    /** The communes layer: real boundaries and names; rural communes get a generated current assessment. */
    List<Feature> communes() {
        Map<String, NtmCalibration.Result> results = new NtmCalibration(SEED ^ 0x4E544DL).draw(communes);
        Random details = new Random(SEED ^ 0x4445544CL);
        consumeFormerAssessmentDraws();
        List<Feature> out = new ArrayList<>();
        for (AdminUnit c : communes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("unit_id", c.code() + "@2025-07-01");
            m.put("code", c.code());
            m.put("name", c.name());
            m.put("name_en", c.nameEn());
            m.put("unit_type", c.unitType());
            m.put("province_code", c.provinceCode());
            m.put("province_name", c.provinceName());
            m.put("district_name", null);
            m.put("area_km2", c.areaKm2());
            m.put("before_merger", c.beforeMerger());
            m.put("valid_from", LocalDate.of(2025, 7, 1));
            m.put("valid_to", null);
            boundaryProvenance(m);
            if (c.isRural()) {
                assess(m, results.get(c.code()), details);
            }
            out.add(feature("unit_id", m, c.geometry()));
        }
        return out;
    }

    /**
     * Draws from the shared generator exactly what the communes' assessments drew before they
     * were calibrated (which now draw from their own), so everything generated after them (the
     * tourism sites: their ids, places and names, which permalinks and bookmarks name) stays
     * as it was.
     */
    private void consumeFormerAssessmentDraws() {
        Map<String, Double> provinceBias = new TreeMap<>();
        for (String province : ruralByProvince.keySet()) {
            provinceBias.put(province, -1.8 + random.nextDouble() * 2.6);
        }
        for (AdminUnit c : communes) {
            if (!c.isRural()) {
                continue;
            }
            long met = Math.max(
                    6,
                    Math.min(
                            19,
                            Math.round(17.2
                                    + provinceBias.getOrDefault(c.provinceCode(), 0.0)
                                    + random.nextGaussian() * 1.9)));
            String level = "none";
            if (met == 19) {
                double r = random.nextDouble();
                level = r < 0.62 ? "ntm" : r < 0.9 ? "advanced" : "model";
            }
            random.nextInt(2);
            if (!level.equals("none")) {
                random.nextInt(4800);
            }
            switch (level) {
                case "model" -> random.nextInt(3);
                case "advanced" -> random.nextInt(2);
                default -> {}
            }
            if (level.equals("model")) {
                pickSorted(
                        List.of("tourism", "digital_transformation", "culture", "environment", "production"),
                        1 + random.nextInt(2),
                        random);
            }
        }
    }

    private void assess(Map<String, Object> m, NtmCalibration.Result result, Random random) {
        String level = result.level().id();
        m.put("ntm_level", level);
        m.put("criteria_set", "commune_2021_2025");
        m.put("criteria_met", (long) result.criteriaMet());
        m.put("criteria_total", 19L);
        boolean recognised = !level.equals("none");
        int year = 2025 + random.nextInt(2);
        m.put("recognition_year", recognised ? (long) year : null);
        m.put(
                "recognition_decision",
                recognised ? (100 + random.nextInt(4800)) + "/QĐ-UBND (" + year + ", sample)" : null);
        m.put(
                "smart_villages",
                switch (level) {
                    case "model" -> (long) (1 + random.nextInt(3));
                    case "advanced" -> (long) random.nextInt(2);
                    default -> 0L;
                });
        m.put(
                "outstanding_fields",
                level.equals("model")
                        ? pickSorted(
                                List.of("tourism", "digital_transformation", "culture", "environment", "production"),
                                1 + random.nextInt(2),
                                random)
                        : null);
        m.put("satisfaction_pct", null);
        m.put(
                "source",
                "Boundaries: Vietnamese Provinces Database (thanglequoc, MIT); NTM assessment: " + SAMPLE_SOURCE);
        m.put("source_date", SAMPLE_DATE);
        m.put("licence", "MIT AND CC-BY-4.0");
        m.put("sample", true);
    }

    /** How often each criterion is the one a commune still misses (income, production and environment most). */
    private static final double[] MISS_WEIGHT = {
        0.6, 0.9, 0.7, 0.3, 0.8, 0.9, 1.2, 1.0, 0.6, 1.6, 1.2, 0.8, 1.5, 0.5, 0.7, 0.6, 1.5, 0.6, 0.2
    };

    /**
     * Per-criterion results of the communes' generated assessments, consistent with their
     * {@code criteria_met}: which of the 19 criteria (and of indicators 8.1–8.4) each one misses.
     * Each commune draws from its own seed, so the rest of the sample does not move.
     */
    List<Feature> assessments(List<Feature> communes) {
        List<Feature> out = new ArrayList<>();
        for (Feature c : communes) {
            Map<String, Object> p = c.properties();
            if (p.get("criteria_met") == null) {
                continue;
            }
            String code = (String) p.get("code");
            Random r = new Random(SEED ^ Long.parseLong(code) * 0x9E3779B97F4A7C15L);
            int met = ((Number) p.get("criteria_met")).intValue();
            List<Integer> open = new ArrayList<>();
            for (int i = 1; i <= 19; i++) {
                open.add(i);
            }
            TreeSet<Integer> failed = new TreeSet<>();
            while (failed.size() < 19 - met) {
                double total =
                        open.stream().mapToDouble(i -> MISS_WEIGHT[i - 1]).sum();
                double x = r.nextDouble() * total;
                for (Integer i : open) {
                    x -= MISS_WEIGHT[i - 1];
                    if (x <= 0) {
                        failed.add(i);
                        open.remove(i);
                        break;
                    }
                }
            }
            List<String> passed = open.stream().map(String::valueOf).toList();
            List<String> indicatorsPassed = new ArrayList<>(List.of("8.1", "8.2", "8.3", "8.4"));
            List<String> indicatorsFailed = new ArrayList<>();
            if (failed.contains(8)) {
                indicatorsFailed.add(r.nextDouble() < 0.7 ? "8.4" : "8.3");
                if (r.nextDouble() < 0.25) {
                    indicatorsFailed.add("8.2");
                }
                indicatorsPassed.removeAll(indicatorsFailed);
                indicatorsFailed.sort(null);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("assessment_id", p.get("unit_id") + "~commune_2021_2025");
            m.put("unit_id", p.get("unit_id"));
            m.put("commune_code", code);
            m.put("province_code", p.get("province_code"));
            m.put("criteria_set", "commune_2021_2025");
            m.put("assessed_on", SAMPLE_DATE);
            m.put("ntm_level", p.get("ntm_level"));
            m.put("criteria_met", (long) met);
            m.put("criteria_total", 19L);
            m.put("criteria_passed", passed);
            m.put("criteria_failed", failed.stream().map(String::valueOf).toList());
            m.put("indicators_passed", indicatorsPassed);
            m.put("indicators_failed", indicatorsFailed);
            sampleProvenance(m);
            out.add(new Feature((String) m.get("assessment_id"), null, m));
        }
        return out;
    }

    private static void boundaryProvenance(Map<String, Object> m) {
        m.put("source", "Vietnamese Provinces Database (thanglequoc), GIS dataset of 2026-07-25");
        m.put("source_date", LocalDate.of(2026, 7, 25));
        m.put("licence", "MIT");
        m.put("sample", false);
    }

    /** Zones along the plan; each is part of a real rural commune near its anchor. */
    List<Feature> zones() {
        List<Feature> out = new ArrayList<>();
        Map<String, Integer> exportSeq = new TreeMap<>();
        int n = 0;
        for (ZonePlan plan : ZONES) {
            List<AdminUnit> candidates =
                    nearestRural(plan.province(), plan.lon(), plan.lat(), Math.max(6, plan.count() * 2));
            for (int i = 0; i < plan.count(); i++) {
                AdminUnit commune = candidates.get(random.nextInt(candidates.size()));
                double targetHa = 40 + random.nextDouble() * (plan.commodity().equals("lua") ? 900 : 450);
                Geometry shape = zoneShape(commune, targetHa);
                String id = String.format(Locale.ROOT, "zone-%04d", ++n);
                String[] names = PRODUCT_NAMES.get(plan.commodity());
                boolean export = MARKETS.containsKey(plan.commodity()) && random.nextDouble() < 0.6;
                String abbr = abbreviation(provinceNameEn.get(commune.provinceCode()));
                String code = export
                        ? String.format(Locale.ROOT, "VN-%sOR-%04d", abbr, exportSeq.merge(abbr, 1, Integer::sum))
                        : String.format(Locale.ROOT, "%s.%s.%03d", commune.provinceCode(), commune.code(), n);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("zone_id", id);
                m.put("name", "Vùng " + names[0] + " " + commune.name());
                m.put("commodity", plan.commodity());
                m.put("area_ha", round(areaHa(shape), 1));
                m.put("growing_area_code", code);
                m.put("code_scope", export ? "export" : "domestic");
                m.put(
                        "target_markets",
                        export ? pickSorted(MARKETS.get(plan.commodity()), 1 + random.nextInt(2)) : null);
                m.put(
                        "certifications",
                        export
                                ? List.of("GlobalGAP", "VietGAP")
                                : random.nextDouble() < 0.6
                                        ? List.of("VietGAP")
                                        : random.nextDouble() < 0.2 ? List.of("organic") : List.of());
                m.put(
                        "offtaker",
                        random.nextBoolean()
                                ? "HTX " + names[0] + " " + commune.name()
                                : "Công ty nông sản " + commune.provinceName());
                m.put("households", (long) (10 + random.nextInt(390)));
                double s = random.nextDouble();
                m.put("status", s < 0.85 ? "active" : s < 0.91 ? "suspended" : s < 0.96 ? "expired" : "revoked");
                m.put("commune_code", commune.code());
                m.put("province_code", commune.provinceCode());
                sampleProvenance(m);
                out.add(feature("zone_id", m, shape));
            }
        }
        return out;
    }

    /** Farms: about half inside zones (same commodity and code), the rest spread over rural communes. */
    List<Feature> farms(List<Feature> zones, int total) {
        List<Feature> out = new ArrayList<>();
        int inZones = total / 2;
        double zoneArea = zones.stream()
                .mapToDouble(z -> (Double) z.properties().get("area_ha"))
                .sum();
        int n = 0;
        for (Feature zone : zones) {
            double share = (Double) zone.properties().get("area_ha") / zoneArea;
            int count = Math.max(5, (int) Math.round(share * inZones));
            AdminUnit commune = communeByCode.get((String) zone.properties().get("commune_code"));
            PreparedGeometry prepared = PreparedGeometryFactory.prepare(zone.geometry());
            for (int i = 0; i < count; i++) {
                Point p = randomPointIn(zone.geometry(), prepared);
                String product = (String) zone.properties().get("commodity");
                String code = "active".equals(zone.properties().get("status"))
                        ? (String) zone.properties().get("growing_area_code")
                        : null;
                out.add(farm(++n, commune, p, product, code));
            }
        }
        List<AdminUnit> rural = communes.stream().filter(AdminUnit::isRural).toList();
        while (n < total) {
            AdminUnit commune = rural.get(random.nextInt(rural.size()));
            Point p = randomPointIn(commune.geometry(), commune.prepared());
            out.add(farm(++n, commune, p, productFor(commune.provinceCode(), p.getY()), null));
        }
        return out;
    }

    private Feature farm(int n, AdminUnit commune, Point p, String product, String growingAreaCode) {
        String[] names = PRODUCT_NAMES.get(product);
        double r = random.nextDouble();
        String owner =
                r < 0.55 ? "household" : r < 0.75 ? "cooperative" : r < 0.85 ? "cooperative_group" : "enterprise";
        String name = switch (owner) {
            case "household" ->
                "Trang trại " + FAMILY[random.nextInt(FAMILY.length)] + " " + GIVEN[random.nextInt(GIVEN.length)];
            case "cooperative" -> "HTX " + names[0] + " " + commune.name();
            case "cooperative_group" -> "Tổ hợp tác " + names[0] + " " + commune.name();
            default -> "Công ty " + names[0] + " " + commune.name();
        };
        double area = switch (owner) {
            case "household" -> 0.3 + random.nextDouble() * 4.7;
            case "enterprise" -> 20 + random.nextDouble() * 380;
            default -> 5 + random.nextDouble() * 120;
        };
        List<Map<String, Object>> ocop = new ArrayList<>();
        if (random.nextDouble() < 0.12) {
            int products = 1 + random.nextInt(2);
            for (int i = 0; i < products; i++) {
                double s = random.nextDouble();
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("id", String.format(Locale.ROOT, "OCOP-%05d-%d", n, i + 1));
                item.put("name", capitalise(names[0]) + (i == 0 ? "" : " sấy") + " " + commune.name());
                item.put("stars", s < 0.6 ? 3 : s < 0.92 ? 4 : 5);
                ocop.add(item);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("farm_id", String.format(Locale.ROOT, "farm-%05d", n));
        m.put("name", name);
        m.put("owner_type", owner);
        m.put("main_product", product);
        m.put("area_ha", round(area, 2));
        m.put(
                "certifications",
                growingAreaCode != null && random.nextDouble() < 0.7
                        ? List.of("VietGAP")
                        : random.nextDouble() < 0.05 ? List.of("organic") : List.of());
        m.put("growing_area_code", growingAreaCode);
        m.put("ocop_products", ocop.isEmpty() ? null : ocop);
        m.put(
                "ocop_stars",
                ocop.stream().mapToLong(o -> ((Integer) o.get("stars")).longValue()).max().stream()
                        .boxed()
                        .findFirst()
                        .orElse(null));
        m.put("commune_code", commune.code());
        m.put("province_code", commune.provinceCode());
        sampleProvenance(m);
        return feature("farm_id", m, p);
    }

    private String productFor(String province, double lat) {
        List<String> choices;
        if (List.of("52", "66", "68").contains(province)) {
            choices = List.of("ca_phe", "ho_tieu", "sau_rieng", "rau", "che", "chan_nuoi");
        } else if (lat > 19.5) {
            choices = List.of("lua", "lua", "che", "rau", "nam", "mat_ong", "chan_nuoi", "cam", "vai_thieu");
        } else if (lat > 11.8) {
            choices = List.of("lua", "lua", "ho_tieu", "thuy_san", "rau", "chan_nuoi", "dieu");
        } else {
            choices = List.of("lua", "lua", "xoai", "thanh_long", "buoi", "thuy_san", "sau_rieng", "dieu");
        }
        return choices.get(random.nextInt(choices.size()));
    }

    private record Category(String id, String vi, String en, double weight) {}

    private static final List<Category> CATEGORIES = List.of(
            new Category("homestay", "Homestay", "homestay", 0.30),
            new Category("community_based", "Du lịch cộng đồng", "community-based tourism", 0.15),
            new Category("craft_village", "Làng nghề", "craft village", 0.15),
            new Category("eco_agri", "Vườn", "orchard and farm visits", 0.15),
            new Category("cultural_historic_relic", "Đình", "communal house", 0.10),
            new Category("natural_landscape", "Thắng cảnh", "landscape", 0.08),
            new Category("festival", "Lễ hội", "festival", 0.03),
            new Category("ocop_showroom", "Điểm bán sản phẩm OCOP", "OCOP product showroom", 0.04));

    private static final String[][] CRAFTS = {
        {"mây tre đan", "bamboo and rattan weaving"}, {"gốm", "pottery"}, {"dệt thổ cẩm", "brocade weaving"},
        {"mộc", "woodwork"}, {"nón lá", "conical hat making"}, {"bánh tráng", "rice paper"}
    };

    /** Tourism sites near real GeoNames places, inside the commune the place lies in. */
    List<Feature> tourism(List<org.geojson.Feature> places) {
        List<Feature> out = new ArrayList<>();
        int n = 0;
        for (org.geojson.Feature place : places) {
            Map<String, Object> pp = place.getProperties();
            AdminUnit commune = communeByCode.get((String) pp.get("commune_code_2025"));
            if (commune == null
                    || "dac_khu".equals(commune.unitType()) && commune.areaKm2() != null && commune.areaKm2() < 50) {
                continue;
            }
            int sites = random.nextDouble() < 0.55 ? 1 : 0;
            if (random.nextDouble() < 0.12) {
                sites++;
            }
            Point centre = (Point) GeoJsonGeometries.toJts(place.getGeometry());
            for (int i = 0; i < sites; i++) {
                Category cat = pickCategory();
                Point p = randomPointNear(commune, centre, 0.04);
                out.add(site(++n, cat, commune, p, (String) pp.get("name"), (String) pp.get("asciiname"), null));
            }
        }
        // lychee and tea orchards open to visitors, where DOMAIN.md says they are
        for (ZonePlan plan : ZONES.subList(0, 3)) {
            for (AdminUnit c : nearestRural(plan.province(), plan.lon(), plan.lat(), 4)) {
                Point p = randomPointIn(c.geometry(), c.prepared());
                out.add(site(++n, CATEGORIES.get(3), c, p, c.name(), c.nameEn(), plan.commodity()));
            }
        }
        return out;
    }

    private Feature site(
            int n, Category cat, AdminUnit commune, Point p, String place, String placeAscii, String fruit) {
        String nameVi;
        String nameEn;
        String craftStatus = "none";
        String season = null;
        String descVi;
        String descEn;
        switch (cat.id()) {
            case "craft_village" -> {
                String[] craft = CRAFTS[random.nextInt(CRAFTS.length)];
                nameVi = "Làng nghề " + craft[0] + " " + place;
                nameEn = placeAscii + " " + craft[1] + " village";
                double s = random.nextDouble();
                craftStatus = s < 0.4 ? "traditional_craft_village" : s < 0.8 ? "craft_village" : "traditional_craft";
                descVi = "Làng nghề " + craft[0] + " với các hộ sản xuất mở cửa đón khách tham quan và trải nghiệm.";
                descEn = "A " + craft[1] + " village whose workshops welcome visitors to watch and try the craft.";
            }
            case "eco_agri" -> {
                String product = fruit != null
                        ? fruit
                        : List.of("vai_thieu", "cam", "buoi", "xoai", "che").get(random.nextInt(5));
                String[] names = PRODUCT_NAMES.get(product);
                nameVi = "Vườn " + names[0] + " " + place;
                nameEn = placeAscii + " " + names[1] + " " + (product.equals("che") ? "hills" : "orchard");
                season = switch (product) {
                    case "vai_thieu" -> "Mùa vải thiều tháng 5–7 / lychee harvest May–July";
                    case "cam" -> "Mùa cam tháng 10–1 / orange harvest October–January";
                    case "che" -> "Hái chè quanh năm, đẹp nhất tháng 3–10 / tea picking all year, best March–October";
                    default -> null;
                };
                descVi = "Tham quan vườn " + names[0] + ", hái quả và thưởng thức nông sản tại vườn.";
                descEn = "Visit the " + names[1] + " gardens, pick and taste produce on the farm.";
            }
            default -> {
                nameVi = cat.vi() + " " + place;
                nameEn = placeAscii + " " + cat.en();
                descVi = cat.vi() + " tại " + place + ", " + commune.provinceName() + ".";
                descEn = capitalise(cat.en()) + " at " + placeAscii + ", " + provinceNameEn.get(commune.provinceCode())
                        + ".";
            }
        }
        double r = random.nextDouble();
        String recognition = r < 0.5
                ? "none"
                : r < 0.75
                        ? "tourist_site"
                        : r < 0.9
                                ? "rural_tourism_site"
                                : r < 0.98 ? "provincial_tourist_zone" : "national_tourist_zone";
        Long stars = (cat.id().equals("community_based") || cat.id().equals("eco_agri")) && random.nextDouble() < 0.3
                ? (long) (3 + random.nextInt(2))
                : null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("site_id", String.format(Locale.ROOT, "site-%04d", n));
        m.put("name", nameVi);
        m.put("name_en", nameEn);
        m.put("category", cat.id());
        m.put("recognition", recognition);
        m.put("craft_village_status", craftStatus);
        m.put("ocop_stars", stars);
        m.put("description_vi", descVi);
        m.put("description_en", descEn);
        m.put("address", (commune.isRural() ? "Xã " : "Phường ") + commune.name() + ", " + commune.provinceName());
        m.put("commune_code", commune.code());
        m.put("province_code", commune.provinceCode());
        m.put(
                "opening_hours",
                cat.id().equals("festival") ? null : random.nextBoolean() ? "Mo-Su 07:00-18:00" : "Mo-Su 08:00-17:00");
        m.put("phone", null);
        m.put("website", null);
        m.put("photos", null);
        m.put("season", season);
        sampleProvenance(m);
        return feature("site_id", m, p);
    }

    private Category pickCategory() {
        double r = random.nextDouble();
        double acc = 0;
        for (Category c : CATEGORIES) {
            acc += c.weight();
            if (r < acc) {
                return c;
            }
        }
        return CATEGORIES.get(0);
    }

    private static void sampleProvenance(Map<String, Object> m) {
        m.put("source", SAMPLE_SOURCE);
        m.put("source_date", SAMPLE_DATE);
        m.put("licence", "CC-BY-4.0");
        m.put("sample", true);
    }

    private List<AdminUnit> nearestRural(String province, double lon, double lat, int k) {
        List<AdminUnit> rural = ruralByProvince.get(province);
        if (rural == null || rural.isEmpty()) {
            throw new IllegalStateException("no rural commune in province " + province);
        }
        Coordinate anchor = new Coordinate(lon, lat);
        return rural.stream()
                .sorted(Comparator.comparingDouble((AdminUnit c) ->
                                c.geometry().getCentroid().getCoordinate().distance(anchor))
                        .thenComparing(AdminUnit::code))
                .limit(k)
                .toList();
    }

    /** A blob of about {@code hectares} around a random point of the commune, clipped to it. */
    private Geometry zoneShape(AdminUnit commune, double hectares) {
        Point centre = randomPointIn(commune.geometry(), commune.prepared());
        double lat = centre.getY();
        double radiusKm = Math.sqrt(hectares / 100.0 / Math.PI);
        double dLat = radiusKm / 111.32;
        double dLon = radiusKm / (111.32 * Math.cos(Math.toRadians(lat)));
        Coordinate[] ring = new Coordinate[25];
        double wobble = 0.25 + random.nextDouble() * 0.3;
        double phase = random.nextDouble() * Math.PI;
        for (int i = 0; i < 24; i++) {
            double a = 2 * Math.PI * i / 24;
            double f = 1 + wobble * Math.sin(3 * a + phase) * 0.5;
            ring[i] = new Coordinate(
                    round(centre.getX() + Math.cos(a) * dLon * f, 6), round(lat + Math.sin(a) * dLat * f, 6));
        }
        ring[24] = ring[0];
        Polygon blob = GeoJsonGeometries.FACTORY.createPolygon(ring);
        Geometry clipped = blob.intersection(commune.geometry());
        List<Polygon> parts = new ArrayList<>();
        for (int i = 0; i < clipped.getNumGeometries(); i++) {
            if (clipped.getGeometryN(i) instanceof Polygon p && !p.isEmpty()) {
                parts.add(p);
            }
        }
        if (parts.isEmpty()) {
            // the commune is smaller than the blob's reach: use the commune's largest inscribed circle
            Point c = MaximumInscribedCircle.getCenter(commune.geometry(), 0.0005);
            return GeoJsonGeometries.FACTORY.createMultiPolygon(new Polygon[] {(Polygon) c.buffer(dLat / 2, 6)});
        }
        MultiPolygon mp = GeoJsonGeometries.FACTORY.createMultiPolygon(parts.toArray(Polygon[]::new));
        mp.normalize();
        return mp;
    }

    private Point randomPointIn(Geometry area, PreparedGeometry prepared) {
        Envelope e = area.getEnvelopeInternal();
        for (int i = 0; i < 2000; i++) {
            Point p = point(
                    e.getMinX() + random.nextDouble() * e.getWidth(),
                    e.getMinY() + random.nextDouble() * e.getHeight());
            if (prepared.containsProperly(p)) {
                return p;
            }
        }
        return area.getInteriorPoint();
    }

    private Point randomPointNear(AdminUnit commune, Point centre, double maxDegrees) {
        for (int i = 0; i < 500; i++) {
            Point p = point(
                    centre.getX() + (random.nextDouble() * 2 - 1) * maxDegrees,
                    centre.getY() + (random.nextDouble() * 2 - 1) * maxDegrees);
            if (commune.prepared().containsProperly(p)) {
                return p;
            }
        }
        return randomPointIn(commune.geometry(), commune.prepared());
    }

    private static Point point(double lon, double lat) {
        return GeoJsonGeometries.FACTORY.createPoint(new Coordinate(round(lon, 6), round(lat, 6)));
    }

    /** Area in hectares of a lon/lat geometry, by the local scale at its centroid (good to ~1 % at commune size). */
    static double areaHa(Geometry g) {
        double lat = g.getCentroid().getY();
        double kmPerDegLat = 111.32;
        double kmPerDegLon = 111.32 * Math.cos(Math.toRadians(lat));
        return g.getArea() * kmPerDegLat * kmPerDegLon * 100.0;
    }

    private List<String> pickSorted(List<String> from, int k) {
        return pickSorted(from, k, random);
    }

    private static List<String> pickSorted(List<String> from, int k, Random random) {
        List<String> copy = new ArrayList<>(from);
        java.util.Collections.shuffle(copy, random);
        return new ArrayList<>(new TreeSet<>(copy.subList(0, Math.min(k, copy.size()))));
    }

    private static String abbreviation(String nameEn) {
        return java.util.Arrays.stream(nameEn.split("[ -]+"))
                .filter(w -> !w.isEmpty())
                .map(w -> w.substring(0, 1).toUpperCase(Locale.ROOT))
                .collect(Collectors.joining())
                .replaceAll("[^A-Z]", "");
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    private static Feature feature(String idProperty, Map<String, Object> props, Geometry geometry) {
        return new Feature((String) props.get(idProperty), geometry, props);
    }
}
