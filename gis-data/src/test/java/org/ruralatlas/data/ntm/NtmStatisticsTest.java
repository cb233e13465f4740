package org.ruralatlas.data.ntm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Statistics of a seven-commune fixture whose answers are worked out by hand below. */
class NtmStatisticsTest {

    /*
     * Province A (4 communes):  a1 model 19 (8 ✓, 8.4 ✓) · a2 advanced 19 (8 ✓, 8.4 ✓)
     *                           a3 ntm 19 (8 ✓, 8.4 ✓)    · a4 none 15 (8 ✗, 8.4 ✗)
     *   ≥ NTM 3/4 = 75.0 %, ≥ advanced 2/4 = 50.0 %, model 1/4 = 25.0 %; average (19·3 + 15)/4 = 18.0
     *   criterion 8: 3 of 4 = 75.0 %; indicator 8.4: 3 of 4 = 75.0 %
     * Province B (3 communes):  b1 ntm 19 (8 ✓, 8.4 ✓) · b2 none 17 (8 ✗, 8.4 unknown) · b3 none 16 (nothing known)
     *   ≥ NTM 1/3 = 33.3 %; average (19 + 17 + 16)/3 = 17.333… → 17.3
     *   criterion 8: 1 of 2 assessed = 50.0 %; indicator 8.4: 1 of 1 = 100.0 %
     * All 7:  ≥ NTM 4/7 = 57.142… → 57.1 %; advanced 2/7 = 28.6 %; average 124/7 = 17.714… → 17.7
     *   criterion 8: 4 of 6 = 66.7 %; 8.4: 4 of 5 = 80.0 %
     * Target "≥ 97 % meet 8.4": A 75.0 → gap −22.0, not met; B 100.0 → gap +3.0, met.
     * Target "≥ 40 % of NTM communes advanced": A 2/3 = 66.7 → met (+26.7); B 0/1 = 0.0 → −40.0.
     */
    private static NtmStatistics fixture() {
        NtmStatistics s = new NtmStatistics();
        s.add(new CommuneResult("A", "model", 19, Set.of("8", "8.4"), Set.of()));
        s.add(new CommuneResult("A", "advanced", 19, Set.of("8", "8.4"), Set.of()));
        s.add(new CommuneResult("A", "ntm", 19, Set.of("8", "8.4"), Set.of()));
        s.add(new CommuneResult("A", "none", 15, Set.of(), Set.of("8", "8.4")));
        s.add(new CommuneResult("B", "ntm", 19, Set.of("8", "8.4"), Set.of()));
        s.add(new CommuneResult("B", "none", 17, Set.of(), Set.of("8")));
        s.add(new CommuneResult("B", "none", 16, Set.of(), Set.of()));
        s.declareGroup("C");
        return s;
    }

    @Test
    void countsLevelsCumulativelyAndAveragesCriteria() {
        List<GroupFigures> groups = fixture().byGroup();
        assertThat(groups).extracting(GroupFigures::groupCode).containsExactly("A", "B", "C");
        GroupFigures a = groups.get(0);
        assertThat(a.communes()).isEqualTo(4);
        assertThat(a.count(Level.NTM)).isEqualTo(3);
        assertThat(a.count(Level.ADVANCED)).isEqualTo(2);
        assertThat(a.count(Level.MODEL)).isEqualTo(1);
        assertThat(a.share(Level.NTM)).isEqualTo(75.0);
        assertThat(a.share(Level.MODEL)).isEqualTo(25.0);
        assertThat(a.averageCriteria()).isEqualTo(18.0);
        GroupFigures b = groups.get(1);
        assertThat(b.share(Level.NTM)).isEqualTo(33.3);
        assertThat(b.averageCriteria()).isEqualTo(17.3);
        GroupFigures c = groups.get(2);
        assertThat(c.communes()).isZero();
        assertThat(c.share(Level.NTM)).isNull();
        assertThat(c.averageCriteria()).isNull();
    }

    @Test
    void passRatesCountOnlyCommunesWhoseResultIsKnown() {
        List<GroupFigures> groups = fixture().byGroup();
        assertThat(groups.get(0).passRates().get("8").percent()).isEqualTo(75.0);
        assertThat(groups.get(1).passRates().get("8")).isEqualTo(new GroupFigures.PassRate(2, 1));
        assertThat(groups.get(1).passRates().get("8.4")).isEqualTo(new GroupFigures.PassRate(1, 1));
        GroupFigures all = fixture().total();
        assertThat(all.communes()).isEqualTo(7);
        assertThat(all.share(Level.NTM)).isEqualTo(57.1);
        assertThat(all.share(Level.ADVANCED)).isEqualTo(28.6);
        assertThat(all.averageCriteria()).isEqualTo(17.7);
        assertThat(all.passRates().get("8").percent()).isEqualTo(66.7);
        assertThat(all.passRates().get("8.4").percent()).isEqualTo(80.0);
    }

    @Test
    void saysHowFarEachGroupIsFromATarget() {
        Target it = new Target(
                "d924",
                "",
                "",
                "criterion_pass_rate",
                null,
                "all",
                "commune_2021_2025",
                "8.4",
                ">=",
                97,
                "%",
                LocalDate.of(2025, 12, 31),
                "province",
                false,
                "Decision 924/QĐ-TTg");
        Target advanced = new Target(
                "adv",
                "",
                "",
                "level_share",
                "advanced",
                "ntm",
                null,
                null,
                ">=",
                40,
                "%",
                LocalDate.of(2025, 12, 31),
                "province",
                false,
                "Decision 263/QĐ-TTg");
        List<GroupFigures> groups = fixture().byGroup();
        assertThat(it.evaluate(groups.get(0))).isEqualTo(new Target.Status(75.0, -22.0, false));
        assertThat(it.evaluate(groups.get(1))).isEqualTo(new Target.Status(100.0, 3.0, true));
        assertThat(it.evaluate(groups.get(2))).isEqualTo(new Target.Status(null, null, null));
        assertThat(advanced.evaluate(groups.get(0))).isEqualTo(new Target.Status(66.7, 26.7, true));
        assertThat(advanced.evaluate(groups.get(1))).isEqualTo(new Target.Status(0.0, -40.0, false));
    }

    @Test
    void ordersCriterionNumbersAsNumbers() {
        List<String> numbers = new java.util.ArrayList<>(List.of("10", "8.4", "2", "8", "8.1", "15.2", "9"));
        numbers.sort(NtmStatistics::compareNumbers);
        assertThat(numbers).containsExactly("2", "8", "8.1", "8.4", "9", "10", "15.2");
    }
}
