package org.ruralatlas.data.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.sample.Lineage.Predecessor;

/** Reading the before-merger texts of the 2025 boundaries into lineage rows. */
class LineageTest {

    @Test
    void aPlainListGivesWholeUnits() {
        assertThat(Lineage.parse("Xã Hợp Đức, Xã Liên Chung, Xã Phúc Hòa", "Phúc Hoà", "xa")).containsExactly(
                new Predecessor("Hợp Đức", "xa", false), new Predecessor("Liên Chung", "xa", false),
                new Predecessor("Phúc Hòa", "xa", false));
    }

    @Test
    void unchangedUnitsAreTheirOwnPredecessor() {
        assertThat(Lineage.parse("giữ nguyên", "Đa Kia", "xa")).containsExactly(new Predecessor("Đa Kia", "xa", false));
    }

    @Test
    void partsAndRemaindersArePartial() {
        List<Predecessor> p = Lineage.parse("Phường Quán Thánh, Phường Trúc Bạch, một phần diện tích TN, quy mô dân số "
                + "của các phường Cửa Nam, Điện Biên và Xã Mai Đình (phần còn lại sau khi sáp nhập vào xã Sóc Sơn)",
                "Ba Đình", "phuong");
        assertThat(p).containsExactly(new Predecessor("Quán Thánh", "phuong", false),
                new Predecessor("Trúc Bạch", "phuong", false), new Predecessor("Cửa Nam", "phuong", true),
                new Predecessor("Điện Biên", "phuong", true), new Predecessor("Mai Đình", "xa", true));
    }

    @Test
    void emptyTextGivesNoRow() {
        assertThat(Lineage.parse(null, "X", "xa")).isEmpty();
    }
}
