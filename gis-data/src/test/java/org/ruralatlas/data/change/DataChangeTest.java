package org.ruralatlas.data.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

class DataChangeTest {

    static DataChange change(String layer, long version, long second, Envelope... boxes) {
        return new DataChange(layer, List.of(boxes), version, Instant.ofEpochSecond(second));
    }

    @Test
    void mergedChangesCoverBothWithTheLaterVersionAndTheEarlierCommit() {
        DataChange merged = change("farms", 7, 100, new Envelope(105, 105.1, 21, 21.1))
                .and(change("farms", 9, 90, new Envelope(106, 106.1, 10, 10.1)));
        assertThat(merged.boxes())
                .containsExactly(new Envelope(105, 105.1, 21, 21.1), new Envelope(106, 106.1, 10, 10.1));
        assertThat(merged.version()).isEqualTo(9);
        assertThat(merged.at()).isEqualTo(Instant.ofEpochSecond(90));
        assertThat(merged.and(change("farms", 10, 95)).wholeLayer())
                .as("the whole layer wins")
                .isTrue();
    }

    @Test
    void neverMoreThanFiftyBoxesAndEveryChangedBoxCovered() {
        List<Envelope> changed = new ArrayList<>();
        DataChange merged = null;
        // 200 boxes in 40 cells: merged by cell whenever they pass 50
        for (int i = 0; i < 200; i++) {
            Envelope box =
                    new Envelope(102 + i % 40 + 0.1, 102 + i % 40 + 0.2, 15 + i / 40 * 0.1, 15.05 + i / 40 * 0.1);
            changed.add(box);
            DataChange c = change("farms", i, i, box);
            merged = merged == null ? c : merged.and(c);
            assertThat(merged.boxes().size()).isLessThanOrEqualTo(DataChange.MAX_BOXES);
        }
        List<Envelope> byCell = merged.boxes();
        assertThat(changed).allMatch(b -> covered(b, byCell));
        assertThat(byCell).allMatch(b -> b.getWidth() < 1 && b.getHeight() < 1);
        // 60 more cells: more than 50 cells become their extent
        for (int i = 0; i < 60; i++) {
            Envelope box = new Envelope(100 + i % 6, 100 + i % 6, 8 + i / 6, 8 + i / 6);
            changed.add(box);
            merged = merged.and(change("farms", i, i, box));
            assertThat(merged.boxes().size()).isLessThanOrEqualTo(DataChange.MAX_BOXES);
        }
        List<Envelope> extent = merged.boxes();
        assertThat(changed).allMatch(b -> covered(b, extent));
    }

    static boolean covered(Envelope box, List<Envelope> into) {
        return into.stream().anyMatch(e -> e.covers(box));
    }

    @Test
    void aBatchHandsEachLayerItsChangeEvenWhenAnotherLayerFails() {
        ChangeBatch batch = ChangeBatch.everyLayer(List.of());
        batch.add(change("farms", 1, 1, new Envelope(105, 105, 21, 21)));
        batch.add(change("tourism", 1, 1));
        batch.add(change("farms", 2, 2, new Envelope(106, 106, 21, 21)));
        List<DataChange> applied = new ArrayList<>();
        batch.deliver(c -> {
            if (c.layer().equals("farms")) {
                throw new IllegalStateException("disk full");
            }
            applied.add(c);
        });
        assertThat(applied).extracting(DataChange::layer).containsExactly("tourism");
        assertThat(batch.isEmpty()).isTrue();
    }
}
