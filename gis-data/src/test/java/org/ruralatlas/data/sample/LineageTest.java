package org.ruralatlas.data.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.sample.Lineage.Predecessor;

/** Reading the before-merger texts of the 2025 boundaries into lineage rows. */
class LineageTest {

    @Test
    void aPlainListGivesWholeUnits() {
        assertThat(Lineage.parse("Xã Hợp Đức, Xã Liên Chung, Xã Phúc Hòa", "Phúc Hoà", "xa"))
                .containsExactly(
                        new Predecessor("Hợp Đức", "xa", false),
                        new Predecessor("Liên Chung", "xa", false),
                        new Predecessor("Phúc Hòa", "xa", false));
    }

    @Test
    void unchangedUnitsAreTheirOwnPredecessor() {
        assertThat(Lineage.parse("giữ nguyên", "Đa Kia", "xa")).containsExactly(new Predecessor("Đa Kia", "xa", false));
    }

    @Test
    void partsAndRemaindersArePartial() {
        List<Predecessor> p = Lineage.parse(
                "Phường Quán Thánh, Phường Trúc Bạch, một phần diện tích TN, quy mô dân số "
                        + "của các phường Cửa Nam, Điện Biên và Xã Mai Đình (phần còn lại sau khi sáp nhập vào xã Sóc Sơn)",
                "Ba Đình",
                "phuong");
        assertThat(p)
                .containsExactly(
                        new Predecessor("Quán Thánh", "phuong", false),
                        new Predecessor("Trúc Bạch", "phuong", false),
                        new Predecessor("Cửa Nam", "phuong", true),
                        new Predecessor("Điện Biên", "phuong", true),
                        new Predecessor("Mai Đình", "xa", true));
    }

    @Test
    void numberedWardsAndDistrictsBecomingSpecialZones() {
        assertThat(Lineage.parse(
                        "Phường 12, Phường 13, Phường 15 (Quận 10), Phường 14 (Quận 10)", "Hoà Hưng", "phuong"))
                .extracting(Predecessor::name)
                .containsExactly("12", "13", "15", "14");
        assertThat(Lineage.parse("Huyện Côn Đảo", "Côn Đảo", "dac_khu"))
                .containsExactly(new Predecessor("Côn Đảo", "huyen", false));
    }

    @Test
    void decomposedTextAndBareNamesAreRead() {
        String decomposed =
                java.text.Normalizer.normalize("Phường Tân Phong, Phường Tân Quy", java.text.Normalizer.Form.NFD);
        assertThat(Lineage.parse(decomposed, "Tân Hưng", "phuong"))
                .extracting(Predecessor::name)
                .containsExactly("Tân Phong", "Tân Quy");
        assertThat(Lineage.parse("Krông Na", "Buôn Đôn", "xa"))
                .containsExactly(new Predecessor("Krông Na", "xa", false));
    }

    @Test
    void emptyTextGivesNoRow() {
        assertThat(Lineage.parse(null, "X", "xa")).isEmpty();
    }
}
