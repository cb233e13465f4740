package org.ruralatlas.data.imports;

import java.util.Map;
import org.locationtech.jts.geom.Geometry;

/**
 * One row of a file to import, as the file holds it: its number (1 for the first feature or data
 * line), its values by the file's column names (JSON-like: String, Number, Boolean, List, Map or
 * null; CSV gives text), its geometry in the file's CRS (null when it has none), or why its
 * geometry could not be read.
 */
public record ImportRow(
        long number, String id, Map<String, Object> values, Geometry geometry, String geometryProblem) {}
