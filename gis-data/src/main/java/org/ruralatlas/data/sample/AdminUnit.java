package org.ruralatlas.data.sample;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/** A province or commune of the 2025 boundary files, as the sample builder uses it. */
record AdminUnit(
        String code,
        String name,
        String nameEn,
        String unitType,
        String provinceCode,
        String provinceName,
        Double areaKm2,
        Long communeCount,
        String beforeMerger,
        Geometry geometry,
        PreparedGeometry prepared) {

    AdminUnit(
            String code,
            String name,
            String nameEn,
            String unitType,
            String provinceCode,
            String provinceName,
            Double areaKm2,
            Long communeCount,
            String beforeMerger,
            Geometry geometry) {
        this(
                code,
                name,
                nameEn,
                unitType,
                provinceCode,
                provinceName,
                areaKm2,
                communeCount,
                beforeMerger,
                geometry,
                PreparedGeometryFactory.prepare(geometry));
    }

    boolean isRural() {
        return "xa".equals(unitType);
    }
}
