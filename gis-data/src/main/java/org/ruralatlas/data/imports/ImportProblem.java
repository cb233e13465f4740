package org.ruralatlas.data.imports;

/** One thing wrong with one row (0: the file as a whole) of an import: the property at fault, and why. */
public record ImportProblem(long row, String property, String detail) {}
