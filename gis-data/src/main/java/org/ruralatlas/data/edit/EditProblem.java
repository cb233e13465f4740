package org.ruralatlas.data.edit;

/** One thing wrong with a feature sent for writing: the property at fault ({@code geometry} for it), and why. */
public record EditProblem(String property, String detail) {}
