package org.ruralatlas.data.imports;

import java.util.Set;
import org.ruralatlas.data.geo.Crs;

/**
 * How to import: the CRS of the file when the caller says it (null: as the file declares, else
 * CRS84), the column mapping, whether only to report (dry run), who imports (the audit's actor),
 * and the provinces they may write in (null: anywhere, an administrator).
 */
public record ImportOptions(Crs crs, AttributeMapping mapping, boolean dryRun, String actor, Set<String> provinces) {}
