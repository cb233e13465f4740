package org.ruralatlas.data.ntm;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.ruralatlas.data.text.VietnameseText;

/**
 * A merged (2025) commune's past: its pre-2025 units (lineage steps) and the historical NTM
 * recognitions granted to each. Recognitions did not carry over to the merged commune, so they
 * stay facts about the unit they were granted to; what can be derived is the share of
 * predecessors recognised, by count (the old boundaries are not in the data). A recognition names
 * its unit by the old commune's name only: it is matched case and tone-mark placement aside
 * ({@link VietnameseText#toneInsensitive}: Hoà = Hòa, but Hoa is another name), to the first
 * predecessor of that name; those matching none are {@link #unmatched}.
 *
 * @param predecessors the lineage steps in their order, each with its recognitions
 * @param unmatched recognitions of the commune's code that name no predecessor
 */
public record PreMergerHistory(List<Predecessor> predecessors, List<Recognition> unmatched) {

    /** One pre-2025 unit (a lineage step) and the recognitions granted to it. */
    public record Predecessor(LineageStep step, List<Recognition> recognitions) {

        /** The highest level it was recognised at, or null when no recognition with a level is recorded. */
        public Level best() {
            return recognitions.stream()
                    .map(Recognition::level)
                    .filter(Objects::nonNull)
                    .map(Level::of)
                    .max(Comparator.comparingInt(Level::rank))
                    .orElse(null);
        }
    }

    /** Matches {@code recognitions} (of the commune's code) to the {@code lineage} steps of the commune. */
    public static PreMergerHistory of(List<LineageStep> lineage, List<Recognition> recognitions) {
        List<Recognition> left = new ArrayList<>(recognitions);
        List<Predecessor> predecessors = new ArrayList<>();
        for (LineageStep step : lineage) {
            String name = VietnameseText.toneInsensitive(step.oldName());
            List<Recognition> held = new ArrayList<>();
            for (Iterator<Recognition> it = left.iterator(); it.hasNext(); ) {
                Recognition r = it.next();
                if (VietnameseText.toneInsensitive(r.oldCommune()).equals(name)) {
                    held.add(r);
                    it.remove();
                }
            }
            predecessors.add(new Predecessor(step, List.copyOf(held)));
        }
        return new PreMergerHistory(List.copyOf(predecessors), List.copyOf(left));
    }

    /** Predecessors recognised at NTM level or above. */
    public int recognised() {
        return (int) predecessors.stream()
                .map(Predecessor::best)
                .filter(l -> l != null && l.rank() >= Level.NTM.rank())
                .count();
    }

    /** Predecessors with no recorded status. */
    public int unknown() {
        return (int) predecessors.stream().filter(p -> p.best() == null).count();
    }

    /** The share of predecessors recognised at NTM level or above (of all of them), or null when none has a recorded status. */
    public Double recognisedPct() {
        return predecessors.size() == unknown() ? null : Shares.percent(recognised(), predecessors.size());
    }
}
