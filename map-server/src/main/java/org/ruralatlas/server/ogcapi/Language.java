package org.ruralatlas.server.ogcapi;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The one rule for the reader's language, Spring MVC's {@code localeResolver}: {@code ?lang=} when
 * it names a language RuralAtlas writes, else the most preferred of them in {@code Accept-Language}
 * (q-values honoured, {@code q=0} refused, {@code *} meaning "any", so the default), else
 * Vietnamese. A header nobody can read is no preference: it never fails the request.
 */
public final class Language implements LocaleResolver {

    public static final Locale VI = Locale.forLanguageTag("vi");
    public static final Locale EN = Locale.ENGLISH;
    /** The languages of the labels and the catalogue, the default first. */
    static final List<Locale> WRITTEN = List.of(VI, EN);

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return of(request.getParameter("lang"), request.getHeader("Accept-Language"));
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        throw new UnsupportedOperationException("the language is chosen per request, by ?lang= or Accept-Language");
    }

    /** "vi" or "en": this request's language, as the resolver chose it (the catalogue's texts are keyed so). */
    public static String code(HttpServletRequest request) {
        return RequestContextUtils.getLocale(request).getLanguage();
    }

    /** The language for a {@code lang} parameter and an {@code Accept-Language} header, either possibly null. */
    static Locale of(String lang, String acceptLanguage) {
        Locale asked = lang == null ? null : written(tag(lang));
        return asked != null ? asked : preferred(acceptLanguage);
    }

    private static Locale preferred(String header) {
        if (header == null) {
            return VI;
        }
        List<Range> ranges = new ArrayList<>();
        for (String item : header.split(",")) {
            Range r = Range.parse(item, ranges.size());
            if (r != null) {
                ranges.add(r);
            }
        }
        ranges.sort(null);
        List<Locale> refused = ranges.stream()
                .filter(r -> r.q() == 0)
                .map(r -> written(r.tag()))
                .toList();
        for (Range r : ranges) {
            if (r.q() == 0) {
                break;
            }
            Locale l = r.tag().equals("*")
                    ? WRITTEN.stream()
                            .filter(w -> !refused.contains(w))
                            .findFirst()
                            .orElse(null)
                    : written(r.tag());
            if (l != null && !refused.contains(l)) {
                return l;
            }
        }
        return VI;
    }

    private static String tag(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }

    /** The written language a tag such as {@code en-GB} or {@code vi_VN} asks for, or null. */
    private static Locale written(String tag) {
        String primary = tag.split("[-_]", 2)[0];
        return WRITTEN.stream()
                .filter(l -> l.getLanguage().equals(primary))
                .findFirst()
                .orElse(null);
    }

    /** One {@code language-range;q=weight} of the header; best first, then in the order written. */
    private record Range(String tag, double q, int order) implements Comparable<Range> {

        static Range parse(String item, int order) {
            String[] parts = item.split(";", -1);
            String tag = Language.tag(parts[0]);
            if (!tag.matches("\\*|[a-z]{1,8}([-_][a-z0-9]{1,8})*")) {
                return null;
            }
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim().toLowerCase(Locale.ROOT);
                if (p.startsWith("q=")) {
                    if (!p.matches("q=(0(\\.\\d{0,3})?|1(\\.0{0,3})?)")) {
                        return null;
                    }
                    q = Double.parseDouble(p.substring(2));
                }
            }
            return new Range(tag, q, order);
        }

        @Override
        public int compareTo(Range o) {
            return q != o.q ? Double.compare(o.q, q) : Integer.compare(order, o.order);
        }
    }
}
