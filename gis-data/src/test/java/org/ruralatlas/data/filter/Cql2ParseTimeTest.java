package org.ruralatlas.data.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * No 4 KB input takes the parser 100 ms: inputs built to be hard for a parser (nesting at the
 * limit, long chains, wide lists, big literals, near misses that fail at the very end), in both
 * encodings. Each is timed after a warm-up, in CPU time of the parsing thread (on a machine busy
 * with other work, wall time mostly measures waiting for a core); a time over the limit is
 * measured again, at most ten times, since one slow run can still be a pause of the machine.
 */
public class Cql2ParseTimeTest {

    private static final int SIZE = 4096;
    private static final long LIMIT_NANOS = 100_000_000L;

    private static String fill(String head, String unit, String tail) {
        StringBuilder s = new StringBuilder(head);
        while (s.length() + unit.length() + tail.length() <= SIZE) {
            s.append(unit);
        }
        return s.append(tail).toString();
    }

    private static Map<String, String> texts() {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put(
                "nested parentheses at the limit, repeated",
                fill("", "(".repeat(63) + "a = 1" + ")".repeat(63) + " OR ", "b = 2"));
        inputs.put(
                "nested parentheses at the limit, unclosed at the end",
                fill("", "(".repeat(60) + "a = 1" + ")".repeat(60) + " AND ", "(a = 1"));
        inputs.put("a long OR chain", fill("", "name = 'Phúc Hoà' OR ", "name = 'x'"));
        inputs.put("a long arithmetic chain", fill("criteria_met", " + 1 * 2 - 3 / 4", " > 5"));
        inputs.put("a wide IN list", fill("code IN ('1'", ", '12345'", ")"));
        inputs.put("a big polygon", fill("S_INTERSECTS(geometry, POLYGON((0 0", ", 106.123456 21.123456", ", 0 0)))"));
        inputs.put("a long string", fill("name LIKE '", "x''y\\'z%_", "'"));
        inputs.put("a near miss at the end", fill("", "a = 1 AND ", "a = "));
        inputs.put("functions in functions", fill("", "f(g(h(1, 2), 3), (4, 5)) AND ", "TRUE"));
        inputs.put("a wide array", fill("A_CONTAINS(certifications, ('a'", ", ('b', 'c')", "))"));
        inputs.put("characters the lexer does not know", fill("", "§¶•", ""));
        inputs.put("an unclosed string", fill("name = '", "abc ", ""));
        return inputs;
    }

    private static Map<String, String> jsons() {
        Map<String, String> inputs = new LinkedHashMap<>();
        String nested = "{\"op\":\"not\",\"args\":[".repeat(30) + "true" + "]}".repeat(30);
        inputs.put("nested not, repeated", fill("{\"op\":\"or\",\"args\":[" + nested, "," + nested, "]}"));
        inputs.put(
                "a long or",
                fill(
                        "{\"op\":\"or\",\"args\":[true",
                        ",{\"op\":\"=\",\"args\":[{\"property\":\"name\"},\"x\"]}",
                        "]}"));
        inputs.put(
                "a big polygon",
                fill(
                        "{\"op\":\"s_intersects\",\"args\":[{\"property\":\"geometry\"},{\"type\":\"Polygon\","
                                + "\"coordinates\":[[[0,0]",
                        ",[106.123456,21.123456]",
                        ",[0,0]]]}]}"));
        inputs.put("nested arrays past the limit", fill("", "[", ""));
        inputs.put("a near miss at the end", fill("{\"op\":\"or\",\"args\":[true", ",true", ",]}"));
        return inputs;
    }

    @Test
    void noTextOf4KbTakes100Ms() {
        texts().forEach((what, text) -> assertFast(what, text, Cql2::parseText));
    }

    @Test
    void noJsonOf4KbTakes100Ms() {
        jsons().forEach((what, json) -> assertFast(what, json, Cql2::parseJson));
    }

    private static void assertFast(String what, String input, Consumer<String> parse) {
        assertThat(input.length()).as(what).isBetween(SIZE - 200, SIZE + 200);
        for (int i = 0; i < 20; i++) {
            time(input, parse); // warm-up: the claim is about the parser, not about class loading
        }
        long best = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 10 && best > LIMIT_NANOS; attempt++) {
            best = Math.min(best, time(input, parse));
        }
        System.out.printf("parse %-55s %6.2f ms%n", what, best / 1e6);
        assertThat(best).as("%s: %d ms", what, best / 1_000_000).isLessThan(LIMIT_NANOS);
    }

    /** CPU nanoseconds of the calling thread to parse {@code input} (a refusal included). */
    public static long time(String input, Consumer<String> parse) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        try {
            parse.accept(input);
        } catch (BadFilterException e) {
            // refusing is an answer too, and must be as quick
        }
        return threads.getCurrentThreadCpuTime() - start;
    }
}
