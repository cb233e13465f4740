package org.ruralatlas.server.ogcapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The plain HTML face of the API resources: no template engine, no script, every value escaped.
 * Pages are written straight to the response, so a long item list streams like its GeoJSON.
 */
public final class HtmlPage {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:0 1rem;color:#1b1b1b}"
            + "header{background:#1f5130;color:#fff;padding:.5rem 1rem;margin:0 -1rem}header a{color:#fff;margin-right:1rem}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}"
            + "nav.links a{margin-right:1rem}";

    private final Writer out;

    private HtmlPage(Writer out) {
        this.out = out;
    }

    /** Starts a page: head, the site header linking home, the viewer and the API, and the title. */
    public static HtmlPage start(Writer out, String lang, String title) {
        HtmlPage page = new HtmlPage(out);
        String base = Urls.base();
        page.raw("<!doctype html><html lang=\"").text(lang).raw("\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .text(title).raw(" — RuralAtlas</title><style>").raw(STYLE).raw("</style></head><body><header>")
                .raw("<a href=\"").text(base + "/").raw("\">RuralAtlas</a>")
                .raw("<a href=\"").text(base + "/collections?f=html").raw("\">").text("vi".equals(lang) ? "Bộ dữ liệu" : "Collections").raw("</a>")
                .raw("<a href=\"").text(base + "/api.html").raw("\">API</a>")
                .raw("<a href=\"").text(base + "/conformance?f=html").raw("\">").text("vi".equals(lang) ? "Chuẩn" : "Conformance").raw("</a>")
                .raw("</header><h1>").text(title).raw("</h1>");
        return page;
    }

    public HtmlPage paragraph(String text) {
        return raw("<p>").text(text).raw("</p>");
    }

    public HtmlPage heading(String text) {
        return raw("<h2>").text(text).raw("</h2>");
    }

    /** The links as a row, each titled (or named by its rel). */
    public HtmlPage links(List<Link> links) {
        raw("<nav class=\"links\">");
        for (Link l : links) {
            raw("<a href=\"").text(l.href()).raw("\" rel=\"").text(l.rel()).raw("\">")
                    .text(l.title() != null ? l.title() : l.rel()).raw("</a> ");
        }
        return raw("</nav>");
    }

    /** A two-column table of names and values (lists and maps shown as text). */
    public HtmlPage table(Map<String, ?> rows) {
        raw("<table>");
        rows.forEach((k, v) -> raw("<tr><th>").text(k).raw("</th><td>").text(v == null ? "" : String.valueOf(v)).raw("</td></tr>"));
        return raw("</table>");
    }

    public HtmlPage link(String href, String text) {
        return raw("<a href=\"").text(href).raw("\">").text(text).raw("</a>");
    }

    public HtmlPage raw(String html) {
        try {
            out.write(html);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public HtmlPage text(String text) {
        return raw(escape(text));
    }

    public void finish() {
        raw("</body></html>");
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
