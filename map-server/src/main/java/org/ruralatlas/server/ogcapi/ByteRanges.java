package org.ruralatlas.server.ogcapi;

import java.util.List;
import org.ruralatlas.server.error.ApiException;
import org.springframework.http.HttpRange;

/**
 * Whether a {@code Range} header is answered with parts of a file (Spring then writes 206), by
 * RFC 9110 §14: a header of another unit or malformed is ignored (the whole file, 200), a set with
 * some ranges outside the file or adding up to more than the file is too (Spring would refuse it
 * with 416 and still send the whole file as its body), and one none of whose ranges lies in the
 * file is a 416 problem with {@code Content-Range: bytes *}{@code /length} and no file at all.
 */
public final class ByteRanges {

    private ByteRanges() {}

    /** True when Spring should answer {@code header} with parts of a file of {@code length} bytes; false for the whole file. */
    public static boolean served(String header, long length) {
        if (header == null) {
            return false;
        }
        List<HttpRange> ranges;
        try {
            ranges = HttpRange.parseRanges(header);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (ranges.isEmpty()) {
            return false;
        }
        long total = 0;
        int satisfiable = 0;
        for (HttpRange r : ranges) {
            long start = r.getRangeStart(length);
            long end = r.getRangeEnd(length);
            if (start < length && start <= end) {
                satisfiable++;
                total += end - start + 1;
            }
        }
        if (satisfiable == 0) {
            throw ApiException.rangeNotSatisfiable(length);
        }
        return satisfiable == ranges.size() && (ranges.size() == 1 || total < length);
    }
}
