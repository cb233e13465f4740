package org.ruralatlas.data.ntm;

import java.util.Locale;

/**
 * NTM recognition levels in order: a model commune is also advanced and NTM, so shares are
 * cumulative as provinces report them (Bắc Giang 05/2023: 144 NTM of which 43 advanced, 1 model).
 * The 2026–2030 pilot "modern" commune ranks above model (whether advanced and model continue
 * after 2025 is unverified; the ranking only orders what the data holds).
 */
public enum Level {
    NONE(0),
    NTM(1),
    ADVANCED(2),
    MODEL(3),
    MODERN_PILOT(4);

    private final int rank;

    Level(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    /** The catalogue value ({@code ntm}, {@code advanced}…). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The level of a catalogue value; null and unknown values are {@link #NONE}. */
    public static Level of(String id) {
        if (id == null) {
            return NONE;
        }
        for (Level l : values()) {
            if (l.id().equals(id)) {
                return l;
            }
        }
        return NONE;
    }
}
