package org.ruralatlas.server.features;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LocalizedText;

/**
 * The filter box of a collection's HTML items page: a form with the {@code filter} parameter
 * and, for each collection, a few CQL2 filters of the questions planners ask (the planner rows of
 * the shared expression table), so that a person sees how to write one and can start from it.
 */
public final class FilterExamples {

    /** A CQL2 text filter and what it asks, in both languages. */
    public record Example(String filter, LocalizedText question) {

        /** The items page of {@code items} filtered by this example. */
        public String href(String items) {
            return items + "?f=html&filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }

    static final Map<String, List<Example>> BY_LAYER = Map.of(
            "farms", List.of(
                    new Example("main_product = 'vai_thieu' AND area_ha > 10", text("Lychee farms over 10 ha", "Trang trại vải thiều trên 10 ha")),
                    new Example("CASEI(ACCENTI(name)) LIKE CASEI(ACCENTI('%Phúc Hòa%'))",
                            text("Farms whose name contains Phúc Hoà, however it is typed", "Trang trại có tên chứa Phúc Hoà, gõ kiểu nào cũng được")),
                    new Example("A_CONTAINS(certifications, ('VietGAP'))", text("VietGAP-certified farms", "Trang trại đạt VietGAP"))),
            "zones", List.of(
                    new Example("commodity = 'vai_thieu' AND area_ha > 100 AND S_DWITHIN(geometry, POINT(106.129337 21.372525), 5, km)",
                            text("Lychee zones over 100 ha within 5 km of Vườn vải thiều Tân Yên",
                                    "Vùng vải thiều trên 100 ha cách Vườn vải thiều Tân Yên không quá 5 km")),
                    new Example("A_OVERLAPS(target_markets, ('JP', 'US'))", text("Zones exporting to Japan or the USA",
                            "Vùng xuất khẩu sang Nhật Bản hoặc Hoa Kỳ"))),
            "communes", List.of(
                    new Example("province_code = '24' AND criteria_met < 15", text("Communes of Bắc Ninh with fewer than 15 criteria met",
                            "Xã của Bắc Ninh đạt dưới 15 tiêu chí")),
                    new Example("ntm_level IN ('advanced', 'model')", text("Advanced and model NTM communes", "Xã NTM nâng cao và kiểu mẫu")),
                    new Example("ACCENTI(CASEI(name)) = 'phuc hoa'", text("Communes named Phúc Hoà, typed without tone marks",
                            "Xã tên Phúc Hoà, gõ không dấu"))),
            "tourism", List.of(
                    new Example("category = 'homestay' AND CASEI(ACCENTI(name)) LIKE CASEI(ACCENTI('%Hoà%'))",
                            text("Homestays whose name contains Hoà, however it is typed", "Homestay có tên chứa Hoà, gõ kiểu nào cũng được")),
                    new Example("ocop_stars >= 4", text("Sites with 4 or 5 OCOP stars", "Điểm đạt OCOP 4 hoặc 5 sao"))),
            "provinces", List.of(
                    new Example("commune_count > 100", text("Provinces with more than 100 communes", "Tỉnh có hơn 100 xã")),
                    new Example("S_INTERSECTS(geometry, POINT(106.0763 21.1861))", text("The province of a point (Bắc Ninh city)",
                            "Tỉnh chứa một điểm (thành phố Bắc Ninh)"))));

    private FilterExamples() {}

    private static LocalizedText text(String en, String vi) {
        return new LocalizedText(vi, en);
    }

    /** The examples of a layer, none for a layer without. */
    static List<Example> of(Layer layer) {
        return BY_LAYER.getOrDefault(layer.id(), List.of());
    }
}
