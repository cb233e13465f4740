package org.ruralatlas.data.geo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The CRS of a file to import, from a code or from the WKT of a .prj or a GeoPackage. */
class ImportCrsTest {

    @Test
    void codesUrisAndCuriesNameTheCrs() {
        assertThat(ImportCrs.byCode("EPSG:9210")).contains(Crs.VN2000_TM3_105_45);
        assertThat(ImportCrs.byCode("epsg:3405")).contains(Crs.VN2000_UTM48);
        assertThat(ImportCrs.byCode("3406")).contains(Crs.VN2000_UTM49);
        assertThat(ImportCrs.byCode("http://www.opengis.net/def/crs/EPSG/0/5897"))
                .contains(Crs.VN2000_TM3_ZONE_482);
        assertThat(ImportCrs.byCode("EPSG:4326"))
                .as("files hold longitude first")
                .contains(Crs.CRS84);
        assertThat(ImportCrs.byCode("EPSG:32648")).isEmpty();
        assertThat(ImportCrs.byCode("nonsense")).isEmpty();
    }

    /** The .prj GDAL writes for EPSG:9210: ESRI style, no authority, the meridian in decimal degrees. */
    @Test
    void anEsriPrjIsReadByItsParameters() {
        String prj =
                "PROJCS[\"VN-2000_TM-3_105-45\",GEOGCS[\"GCS_VN_2000\",DATUM[\"D_Vietnam_2000\",SPHEROID[\"WGS_1984\","
                        + "6378137.0,298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],"
                        + "PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"False_Easting\",500000.0],PARAMETER[\"False_Northing\",0.0],"
                        + "PARAMETER[\"Central_Meridian\",105.75],PARAMETER[\"Scale_Factor\",0.9999],"
                        + "PARAMETER[\"Latitude_Of_Origin\",0.0],UNIT[\"Meter\",1.0]]";
        assertThat(ImportCrs.fromWkt(prj)).contains(Crs.VN2000_TM3_105_45);
        assertThat(ImportCrs.fromWkt(prj.replace("105.75", "105.0").replace("0.9999", "0.9996")))
                .contains(Crs.VN2000_UTM48);
        assertThat(ImportCrs.fromWkt(prj.replace("105.75", "111.0").replace("0.9999", "0.9996")))
                .contains(Crs.VN2000_UTM49);
        assertThat(ImportCrs.fromWkt(prj.replace("105.75", "105.7")))
                .as("no such zone")
                .isEmpty();
        assertThat(ImportCrs.fromWkt(prj.replace("Vietnam_2000", "Indian_1960").replace("VN", "XX")))
                .as("another datum")
                .isEmpty();
    }

    @Test
    void theLastAuthorityIsTheWholeCrs() {
        String wkt = "PROJCS[\"VN-2000 / UTM zone 48N\",GEOGCS[\"VN-2000\",DATUM[\"Vietnam_2000\",SPHEROID[\"WGS 84\","
                + "6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],AUTHORITY[\"EPSG\",\"6756\"]],"
                + "AUTHORITY[\"EPSG\",\"4756\"]],PROJECTION[\"Transverse_Mercator\"],AUTHORITY[\"EPSG\",\"3405\"]]";
        assertThat(ImportCrs.fromWkt(wkt)).contains(Crs.VN2000_UTM48);
        assertThat(ImportCrs.fromWkt("GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\"]]")).contains(Crs.CRS84);
        assertThat(ImportCrs.fromWkt("GEOGCS[\"GCS_VN_2000\",DATUM[\"D_Vietnam_2000\"]]"))
                .isEmpty();
    }
}
