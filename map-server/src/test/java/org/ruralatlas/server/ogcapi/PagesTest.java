package org.ruralatlas.server.ogcapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import java.io.StringWriter;
import java.util.AbstractList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.stats.StatsReport;
import org.ruralatlas.server.stats.StatsReport.Heading;
import org.ruralatlas.server.stats.StatsReport.Row;
import org.ruralatlas.server.survey.SurveyController.FormPage;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The templates as the server runs them (precompiled, the project's escaping), without a server. */
class PagesTest {

    private final Pages pages =
            new Pages(TemplateEngine.createPrecompiled(ContentType.Html), PageConfiguration.labels());

    @BeforeEach
    void request() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/conformance");
        request.setServerName("atlas.example.vn");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    }

    @AfterEach
    void noRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    private String render(String template, Locale locale, Object model) {
        StringWriter w = new StringWriter();
        pages.render(template, pages.words(locale), model, w);
        return w.toString();
    }

    @Test
    void thePageFrameIsTheOneTheHandWrittenPagesHad() {
        // byte for byte what HtmlPage.start/finish wrote around the conformance list, the page's own part in a <main>
        // landmark
        String html = render("conformance.jte", Language.VI, List.of("http://www.opengis.net/spec/a/conf/html"));
        assertThat(html)
                .isEqualTo("<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
                        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Conformance — RuralAtlas</title>"
                        + "<style>body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:0 1rem;color:#1b1b1b}"
                        + "header{background:#1f5130;color:#fff;padding:.5rem 1rem;margin:0 -1rem}header a{color:#fff;margin-right:1rem}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}"
                        + "nav.links a{margin-right:1rem}td.num{text-align:right;white-space:nowrap}tr.total th,tr.total td{font-weight:bold}"
                        + ".table-wrap{overflow-x:auto}p.sample{background:#fff3cd;border-left:4px solid #8a5a00;padding:.5rem 1rem}"
                        + "dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dl.facts dt{font-weight:bold}</style></head><body><header><a href=\"http://atlas.example.vn/\">RuralAtlas</a>"
                        + "<a href=\"http://atlas.example.vn/collections?f=html\">Bộ dữ liệu</a><a href=\"http://atlas.example.vn/api.html\">API</a>"
                        + "<a href=\"http://atlas.example.vn/conformance?f=html\">Chuẩn</a></header><main><h1>Conformance</h1>"
                        + "<ul><li><a href=\"http://www.opengis.net/spec/a/conf/html\">http://www.opengis.net/spec/a/conf/html</a></li></ul>"
                        + "</main></body></html>");
    }

    @Test
    void theFrameSpeaksTheReadersLanguage() {
        String html = render("conformance.jte", Language.EN, List.of());
        assertThat(html)
                .startsWith("<!doctype html><html lang=\"en\">")
                .contains(">Collections</a>", ">Conformance</a>")
                .doesNotContain("Bộ dữ liệu");
    }

    @Test
    void textAndAttributesAreEscapedAsBefore() {
        String hostile = "<script>alert('x')</script>&\"";
        String escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;";
        String unknown = render("trace/unknown.jte", Language.VI, hostile);
        assertThat(unknown).contains("Mã " + escaped + " không phải").doesNotContain("<script>");
        String form = render(
                "survey/form.jte", Language.EN, new FormPage(hostile, hostile, "P", "2026-Q4", 12, List.of("overall")));
        assertThat(form)
                .contains(
                        "data-commune=\"" + escaped + "\"",
                        "<title>Satisfaction survey — " + escaped + " — RuralAtlas</title>")
                .doesNotContain("<script>alert");
    }

    @Test
    void formControlsKeepTheirShape() {
        String form = render(
                "survey/form.jte",
                Language.VI,
                new FormPage("07330", "Phúc Hoà", "Bắc Ninh", "2026-Q4", 12, List.of("overall", "environment")));
        assertThat(form)
                .contains(
                        "<form id=\"survey\" data-commune=\"07330\" data-base=\"http://atlas.example.vn\" "
                                + "data-difficulty=\"12\" data-lang=\"vi\">",
                        "<legend>Mức hài lòng chung với kết quả xây dựng nông thôn mới của xã *</legend>",
                        "<label><input type=\"radio\" name=\"overall\" value=\"3\" required><span>3</span></label>",
                        "<legend>Môi trường, cảnh quan, nước sạch</legend>",
                        "<label><input type=\"radio\" name=\"environment\" value=\"5\"><span>5</span></label>",
                        "<p>Xã Phúc Hoà, Bắc Ninh — kỳ khảo sát 2026-Q4</p>",
                        "survey.js");
    }

    @Test
    void aScriptUrlNeverBecomesALink() {
        String html = render(
                "stats/ntm.jte",
                Language.VI,
                new StatsReport(
                        "t",
                        List.of(),
                        false,
                        List.of(
                                new Link("javascript:alert(1)", "alternate", "text/html", "x"),
                                new Link(" JavaScript:alert(2)", "a", null, "y")),
                        List.of(new Heading("h", 0)),
                        List.of(),
                        List.of(new Row("r", List.of("v"), false)),
                        List.of(),
                        List.of()));
        assertThat(html)
                .doesNotContainIgnoringCase("javascript:")
                .contains("<th scope=\"col\" rowspan=\"2\">h</th>", "<th scope=\"row\">r</th><td class=\"num\">v</td>");
    }

    @Test
    void aFailureWhileRenderingIsTheFailureItselfNotATemplateError() {
        List<Row> failing = new AbstractList<>() {
            @Override
            public Row get(int index) {
                throw ApiException.badParameter("filter", "integer overflow in a row");
            }

            @Override
            public int size() {
                return 1;
            }
        };
        assertThatThrownBy(() -> render(
                        "stats/ntm.jte",
                        Language.VI,
                        new StatsReport(
                                "t",
                                List.of(),
                                false,
                                List.of(),
                                List.of(new Heading("h", 0)),
                                List.of(),
                                failing,
                                List.of(),
                                List.of())))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("overflow");
    }
}
