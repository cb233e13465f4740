package org.ruralatlas.server.ogcapi;

import gg.jte.TemplateOutput;
import gg.jte.html.OwaspHtmlTemplateOutput;

/**
 * jte's context-aware HTML output (no {@code javascript:} URL in an attribute, script bodies escaped as
 * script), with every value in text and attributes escaped alike: {@code < > & " '}, as the
 * pages always were, so a filter typed into the box comes back as {@code &lt;b&gt;}.
 */
final class PageOutput extends OwaspHtmlTemplateOutput {

    private String tag;
    private String attribute;

    PageOutput(TemplateOutput out) {
        super(out);
    }

    @Override
    public void setContext(String tagName, String attributeName) {
        super.setContext(tagName, attributeName);
        this.tag = tagName;
        this.attribute = attributeName;
    }

    @Override
    public void writeUserContent(String value) {
        boolean script = "script".equals(tag) || (attribute != null && attribute.startsWith("on"));
        boolean scriptLink = attribute != null
                && value != null
                && value.strip().toLowerCase(java.util.Locale.ROOT).matches("(javascript|vbscript|data):.*");
        if (value == null || scriptLink) {
            return;
        }
        if (script) {
            super.writeUserContent(value);
        } else {
            writeContent(escape(value));
        }
    }

    static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            String e = switch (s.charAt(i)) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (e != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (e != null) {
                    b.append(e);
                } else {
                    b.append(s.charAt(i));
                }
            }
        }
        return b == null ? s : b.toString();
    }
}
