package org.ruralatlas.data.ntm;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Percentages and averages as published: to one decimal, half up (144/182 = 79.1 %). */
public final class Shares {

    private Shares() {}

    public static double percent(long part, long whole) {
        return round1(BigDecimal.valueOf(part)
                .multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 10, RoundingMode.HALF_UP));
    }

    public static double average(long sum, long count) {
        return round1(BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 10, RoundingMode.HALF_UP));
    }

    private static double round1(BigDecimal v) {
        return v.setScale(1, RoundingMode.HALF_UP).doubleValue();
    }
}
