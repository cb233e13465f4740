package org.ruralatlas.server;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import tools.jackson.databind.JsonNode;

/**
 * A seeded, repeatable stream of hostile requests over every route: mutated parameter values
 * (huge, negative, non-finite, overlong, NUL and control characters, broken UTF-8 escapes,
 * SQL/JSON/HTML injections, odd dates, boxes out of range), unknown and repeated parameters,
 * odd path spellings, odd methods and headers (Accept, Range, conditionals, Host, Authorization).
 * Whatever could start costly work (offline packages, seeding) always gets a tiny zoom range.
 */
final class HostileRequests {

    /** One request as it goes on the wire. */
    record Request(String method, String target, String[] headers) {
        @Override
        public String toString() {
            return method + " " + (target.length() > 200 ? target.substring(0, 200) + "…" : target);
        }
    }

    private record Route(String method, String path, List<String> parameters) {}

    static final String[] HOSTILE = {
        "",
        " ",
        "-1",
        "0",
        "-0",
        "1e309",
        "NaN",
        "Infinity",
        "-Infinity",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775809",
        "2147483648",
        "99999999999999999999999",
        "0x10",
        "1,2,3",
        "-181,-91,181,91",
        "200,100,300,400",
        "1,2,3,4,5,6",
        "NaN,NaN,NaN,NaN",
        "1e308,1e308,-1e308,-1e308",
        "180,90,-180,-90",
        "%27%3B%20DROP%20TABLE%20farms%3B%20--",
        "%22%20OR%201%3D1%20--",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "%7B%22%24gt%22%3A%22%22%7D",
        "..%2F..%2Fetc%2Fpasswd",
        "%00",
        "a%00b",
        "%01",
        "%1F",
        "%7F",
        "%0d%0a",
        "%FF",
        "%C0%AF",
        "%E0%A4",
        "%ED%A0%80",
        "%F0%9F%98%80",
        "%",
        "%zz",
        "%2",
        "a".repeat(3000),
        "%2B999999999-12-31T23:00:00-18:00",
        "-999999999-01-01",
        "0000-00-00",
        "0000-01-01",
        "2025-02-30",
        "2025-07-01T25:61:61Z",
        "294277-01-01",
        "-4714-11-24",
        "10000-01-01",
        "..%2F..",
        "%2F",
        "2025-07-01%2F2024-01-01",
        "..%2F2025-01-01",
        "P1D",
        "null",
        "true",
        "%5B%5D",
        "%7B%7D",
        "6-99",
        "0-30",
        "20-0",
        "-5-3",
        "1-2-3",
        "http%3A%2F%2Fevil.example%2F",
        "EPSG%3A4326",
        "http%3A%2F%2Fwww.opengis.net%2Fdef%2Fcrs%2FEPSG%2F0%2F999999",
        "%5BEPSG%3A3405%5D",
        "csv",
        "xml",
        "html",
        "json",
        "svg",
        "Bac%20Ninh",
        "b%E1%BA%AFc%20ninh",
        "24",
        "99",
        "07330",
        "VN-BNOR-0001",
        "computed",
        "reported",
        "criterion",
        "8.4",
        "99.9",
        "2026-Q4",
        "2026-Q9",
        "commune_2021_2025",
        "farms",
        "roads",
        "farms,roads"
    };

    /** Valid values by parameter name: a hostile request is more telling when the rest of it is right. */
    private static final Map<String, String[]> VALID = Map.ofEntries(
            Map.entry("limit", new String[] {"1", "3"}),
            Map.entry("offset", new String[] {"0", "5", "100000"}),
            Map.entry("bbox", new String[] {"105,20,106,21", "100,8,-170,24"}),
            Map.entry("datetime", new String[] {"2025-07-01", "2024-01-01T00:00:00Z/.."}),
            Map.entry("zooms", new String[] {"0-1", "1"}),
            Map.entry("province", new String[] {"24", "Bac%20Ninh"}),
            Map.entry("q", new String[] {"phuc", "lang%20gom"}),
            Map.entry("f", new String[] {"json", "html", "csv"}),
            Map.entry("lang", new String[] {"en", "vi"}),
            Map.entry("as_of", new String[] {"2025-07-01", "2023-06-01"}),
            Map.entry("crs", new String[] {"http%3A%2F%2Fwww.opengis.net%2Fdef%2Fcrs%2FEPSG%2F0%2F3405"}),
            Map.entry("bbox-crs", new String[] {"http%3A%2F%2Fwww.opengis.net%2Fdef%2Fcrs%2FOGC%2F1.3%2FCRS84"}),
            Map.entry("layers", new String[] {"farms", "communes,tourism"}),
            Map.entry("tileset", new String[] {"all", "provinces"}),
            Map.entry("source", new String[] {"computed", "reported"}),
            Map.entry("size", new String[] {"100", "330"}),
            Map.entry("period", new String[] {"2026-Q4"}),
            Map.entry("commune", new String[] {"07330"}),
            Map.entry("criterion", new String[] {"8.4"}),
            Map.entry("met", new String[] {"true"}),
            Map.entry("bom", new String[] {"true"}),
            Map.entry("value", new String[] {"level", "criteria_met"}),
            Map.entry("level", new String[] {"ntm", "model"}));

    private static final String[] UNKNOWN = {
        "x", "zz", "LIMIT", "limit%20", "%00", "a%5Bb%5D", "__proto__", "f%00", "callback", "debug"
    };
    private static final String[] ODD_METHODS = {
        "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH", "TRACE", "FOO", "PROPFIND", "CONNECT"
    };
    private static final String[] ACCEPT = {
        "*/*",
        "text/html",
        "application/json",
        "application/geo+json",
        "text/csv",
        "application/vnd.mapbox-vector-tile",
        "image/png",
        "garbage",
        "text/html;q=abc",
        "application/json;q=0",
        "",
        "application/problem+json",
        "text/*;q=0.5, */*;q=0.1"
    };
    private static final String[] RANGES = {
        "bytes=0-10",
        "bytes=999999999-",
        "bytes=-0",
        "bytes=5-1",
        "items=0-1",
        "bytes=0-1,2-3,0-",
        "garbage",
        "bytes=",
        "bytes=-999999999999999999999",
        "bytes=" + "0-1,".repeat(150) + "2-3"
    };
    private static final String[] ETAGS = {
        "*", "\"x\"", "W/\"y\"", "garbage", "\"" + "a".repeat(1000) + "\"", "\"a\", W/\"b\""
    };
    private static final String[] DATES = {
        "garbage", "Thu, 01 Jan 1970 00:00:00 GMT", "Sat, 01 Jan 10000 00:00:00 GMT", "0"
    };
    private static final String[] HOSTS = {
        "evil.example", "evil.example:99999", "[::1]", "a b", "", "..", "x".repeat(300), "%00"
    };

    private final Random random;
    private final List<Route> routes = new ArrayList<>();
    private final String token;

    HostileRequests(long seed, JsonNode api, String token) {
        this.random = new Random(seed);
        this.token = token;
        Map<String, List<String>> declared = new LinkedHashMap<>();
        Routes.concrete(api).forEach(p -> declared.put(p, new ArrayList<>()));
        Routes.declared(api)
                .forEach(d -> declared.computeIfAbsent(d.path(), k -> new ArrayList<>())
                        .add(d.parameter()));
        declared.forEach((path, params) -> routes.add(new Route("GET", path, params)));
        Routes.NON_API.forEach(p -> routes.add(new Route("GET", p, List.of())));
        List<String> area = List.of("tileset", "province", "bbox", "zooms");
        routes.add(new Route("POST", "/admin/tiles/seed", area));
        routes.add(new Route("POST", "/admin/tiles/truncate", area));
        routes.add(new Route("DELETE", "/admin/tiles/jobs/1", List.of()));
        routes.add(new Route("POST", "/ntm/survey/07330/responses", List.of()));
        Routes.WRITES.forEach(w -> routes.add(new Route(w.getKey(), w.getValue(), List.of())));
        routes.add(new Route("GET", "/search", List.of("q", "limit", "layers", "bbox")));
        routes.add(new Route("GET", "/", List.of("f", "lang")));
    }

    Request next() {
        Route route = routes.get(random.nextInt(routes.size()));
        String method = random.nextInt(10) < 8 ? route.method() : pick(ODD_METHODS);
        String path = random.nextInt(5) == 0 ? mutate(route.path()) : route.path();
        StringBuilder query = new StringBuilder();
        int n = random.nextInt(5);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name =
                    route.parameters().isEmpty() || random.nextInt(7) == 0 ? pick(UNKNOWN) : pick(route.parameters());
            names.add(name);
            query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(value(name));
        }
        if (mayStartWork(route) && !names.contains("zooms")) {
            query.append(query.isEmpty() ? "?" : "&")
                    .append("zooms=")
                    .append(random.nextBoolean() ? "0-1" : pick(HOSTILE));
        }
        if (route.path().startsWith("/tiles/offline") && names.contains("zooms")) {
            // never a real zoom range wider than 0-1: each build costs seconds
            query = new StringBuilder(query.toString().replaceAll("zooms=[0-9]+-[0-9]+", "zooms=0-1"));
        }
        return new Request(method, path + query, headers(route));
    }

    private static boolean mayStartWork(Route route) {
        return route.path().startsWith("/tiles/offline") || route.path().startsWith("/admin/tiles/seed");
    }

    private String value(String name) {
        String[] valid = VALID.get(name);
        if (valid != null && random.nextBoolean()) {
            return pick(valid);
        }
        String v = pick(HOSTILE);
        if (name.equals("limit") || name.equals("size")) {
            // large valid numbers are legal (limit counts as 10,000): keep the answers small
            try {
                if (Long.parseLong(v) > 5) {
                    return "5";
                }
            } catch (NumberFormatException e) {
                return v;
            }
        }
        if (name.equals("zooms") && v.matches("[0-9]+-[0-9]+") && !v.equals("0-30") && !v.equals("6-99")) {
            return "0-1";
        }
        return v;
    }

    private String mutate(String path) {
        int kind = random.nextInt(12);
        int at = path.length() < 2 ? 0 : 1 + random.nextInt(path.length() - 1);
        return switch (kind) {
            case 0 ->
                path.substring(0, at) + "%" + String.format("%02X", (int) path.charAt(at)) + path.substring(at + 1);
            case 1 -> path.replaceFirst("/([^/]+)", "/$1;x=1");
            case 2 -> "/" + path;
            case 3 -> path.replaceFirst("/", "/./");
            case 4 -> "/x/.." + path;
            case 5 ->
                path.replaceFirst(
                        "/([^/]+)/",
                        "/$1"
                                + java.util.regex.Matcher.quoteReplacement(
                                        pick(new String[] {"%2F", "%2f", "%5C", "\\", "%252F"})));
            case 6 -> path + pick(new String[] {"%00", "%", "%zz", "%E0%A4", "%C6%B0", "/", ";", "~", "%20"});
            case 7 -> path.toUpperCase(Locale.ROOT);
            case 8 -> path.replaceFirst("/[^/]+$", "/" + "a".repeat(random.nextBoolean() ? 300 : 9000));
            case 9 ->
                path.replaceFirst(
                        "/[^/]+$", "/" + pick(new String[] {"..", "%2e%2e", ".", "%00", "-1", "99999999999", "NaN"}));
            case 10 ->
                path.replaceFirst(
                        "/[^/]+$",
                        "/"
                                + java.util.regex.Matcher.quoteReplacement(
                                        URLEncoder.encode("'; DROP TABLE farms; --", StandardCharsets.UTF_8)));
            default -> path + "/extra/segments";
        };
    }

    private String[] headers(Route route) {
        List<String> h = new ArrayList<>();
        if (random.nextInt(10) < 4) {
            h.add("Accept");
            h.add(pick(ACCEPT));
        }
        if (random.nextInt(5) == 0) {
            h.add("Accept-Encoding");
            h.add("gzip");
        }
        if (random.nextInt(10) == 0) {
            h.add("Range");
            h.add(pick(RANGES));
        }
        if (random.nextInt(10) == 0) {
            h.add(random.nextBoolean() ? "If-None-Match" : "If-Range");
            h.add(pick(ETAGS));
        }
        if (random.nextInt(20) == 0) {
            h.add("If-Modified-Since");
            h.add(pick(DATES));
        }
        if (random.nextInt(20) == 0) {
            h.add("Host");
            h.add(pick(HOSTS));
        }
        if (random.nextInt(20) == 0) {
            h.add(pick(new String[] {"X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "Forwarded"}));
            h.add(pick(
                    new String[] {"evil.example", "1.2.3.4, 5.6.7.8", "for=evil;host=evil.example", "https", "garbage"
                    }));
        }
        if (random.nextInt(20) == 0) {
            h.add(pick(new String[] {"Accept-Language", "Origin", "Cookie", "Content-Type", "Referer"}));
            h.add(pick(new String[] {
                "en",
                "vi-VN,en;q=0.5",
                "https://evil.example",
                "JSESSIONID=x",
                "application/json",
                "garbage",
                "application/x-www-form-urlencoded",
                "\u00e9\u00e8"
            }));
        }
        boolean admin = route.path().startsWith("/admin") || route.path().startsWith("/actuator");
        if (random.nextInt(10) < (admin ? 7 : 1)) {
            h.add("Authorization");
            h.add(pick(new String[] {
                "Bearer " + token,
                "bearer " + token,
                "BEARER " + token,
                "Bearer wrong-token-0123456789",
                "Basic YWRtaW46YWRtaW4=",
                "Bearer",
                "Bearer " + "a".repeat(2000),
                "bearer  " + token,
                "Token " + token
            }));
        }
        return h.toArray(String[]::new);
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
