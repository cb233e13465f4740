package org.ruralatlas.data.io;

import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The one CSV dialect RuralAtlas writes, for features, statistics and survey responses alike:
 * RFC 4180 (fields with a comma, quote or line break quoted, quotes doubled), CRLF after every
 * record, {@code null} as an empty field. Rows go straight to the writer, so a table of any size
 * streams.
 */
public final class CsvRows implements Flushable {

    /** RFC 4180 with CRLF record ends. */
    public static final CSVFormat FORMAT =
            CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    private final CSVPrinter printer;

    public CsvRows(Writer out) throws IOException {
        this.printer = new CSVPrinter(out, FORMAT);
    }

    /** One record: each value's {@code toString()}, {@code null} as empty. */
    public CsvRows row(Iterable<?> values) throws IOException {
        printer.printRecord(values);
        return this;
    }

    @Override
    public void flush() throws IOException {
        printer.flush();
    }
}
