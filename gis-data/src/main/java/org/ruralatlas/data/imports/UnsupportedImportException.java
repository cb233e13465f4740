package org.ruralatlas.data.imports;

/** A format this installation cannot read (a zipped shapefile without GDAL). Nothing is written. */
public final class UnsupportedImportException extends RuntimeException {

    public UnsupportedImportException(String message) {
        super(message, null, false, false);
    }
}
