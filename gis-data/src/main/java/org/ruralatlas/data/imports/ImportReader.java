package org.ruralatlas.data.imports;

import java.util.Iterator;
import java.util.Optional;
import org.ruralatlas.data.geo.Crs;

/**
 * The rows of a file, read one at a time as they are asked for: a file of any size is read in
 * bounded memory. A file that cannot be read on (broken syntax, a truncated archive) fails with
 * {@link MalformedImportException}.
 */
public interface ImportReader extends Iterator<ImportRow>, AutoCloseable {

    /** The CRS the file declares, when it declares one. */
    Optional<Crs> declaredCrs();

    @Override
    void close();
}
