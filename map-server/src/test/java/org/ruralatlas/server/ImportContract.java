package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.ruralatlas.data.account.Account;
import org.ruralatlas.data.account.AccountStore;
import org.ruralatlas.data.account.Role;
import org.ruralatlas.data.io.Sha256;
import tools.jackson.databind.JsonNode;

/**
 * Imports ({@code POST /collections/{id}/imports}), the same on every store: who may import
 * (401, 403 by role; an editor's rows outside its provinces refused), a dry run that writes
 * nothing, a real run all or nothing (one bad row: nothing written) and audited, files that are
 * broken, oversized or hostile archives refused with 4xx and the layer unchanged (counted and
 * hashed), and VN-2000 files written by GDAL reprojected to where they lie. The server runs with
 * small limits: {@value #MAX_UPLOAD} bytes uploaded, {@value #MAX_UNZIPPED} bytes unzipped.
 */
interface ImportContract {

    int MAX_UPLOAD = 4 * 1024 * 1024;
    int MAX_UNZIPPED = 1024 * 1024;
    String LIMITS = "ruralatlas.imports.max-upload=" + MAX_UPLOAD + "B";
    String ZIP_LIMITS = "ruralatlas.imports.max-unzipped=" + MAX_UNZIPPED + "B";

    String url(String path);

    AccountStore accounts();

    /** A folder for files the test makes. */
    Path folder();

    String IMPORTS = "/collections/farms/imports";

    default String bearer(Role role, String... provinces) {
        String name = role.id() + "-" + Long.toHexString(System.nanoTime());
        assertThat(accounts().add(new Account(name, role, List.of(provinces), Instant.now(), false)))
                .isTrue();
        return "Bearer "
                + accounts()
                        .issue(name, "test", Instant.now().plusSeconds(3600))
                        .secret();
    }

    /** The count and a digest of every farm, as the API serves them. */
    default String farms() {
        JsonNode doc = Http.get(url("/collections/farms/items?limit=10000")).json();
        return doc.get("features").size() + " " + Sha256.hex(doc.get("features").toString(), 16);
    }

    /** Where farm-00001 (province 24) lies: imports put their farms a few metres from it. */
    default double[] near24() {
        JsonNode c = Http.get(url("/collections/farms/items/farm-00001"))
                .json()
                .get("geometry")
                .get("coordinates");
        return new double[] {c.get(0).asDouble(), c.get(1).asDouble()};
    }

    /** A GeoJSON FeatureCollection of {@code n} farms of province 24 with ids {@code prefix-i}. */
    default byte[] geojson(String prefix, int n, String ownerType) {
        double[] at = near24();
        StringBuilder b = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",")
                    .append(String.format(
                            Locale.ROOT,
                            "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.7f,%.7f]},"
                                    + "\"properties\":{\"farm_id\":\"%s-%d\",\"name\":\"Trại %d\",\"owner_type\":\"%s\","
                                    + "\"province_code\":\"24\",\"area_ha\":%d.5}}",
                            at[0] + i * 1e-6,
                            at[1],
                            prefix,
                            i,
                            i,
                            i == n - 1 ? ownerType : "household",
                            i));
        }
        return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    default Http.Reply post(String query, byte[] body, String auth, String contentType) {
        return auth == null
                ? Http.postBytes(url(IMPORTS + query), body, "Content-Type", contentType)
                : Http.postBytes(url(IMPORTS + query), body, "Content-Type", contentType, "Authorization", auth);
    }

    /** The job's final state, polled until it is neither queued nor running. */
    default JsonNode finished(Http.Reply started, String auth) throws InterruptedException {
        assertThat(started.status()).as(started.text()).isEqualTo(202);
        String location = started.header("Location");
        assertThat(location).contains(IMPORTS + "/");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            JsonNode job = Http.get(location, "Authorization", auth).json();
            String state = job.get("state").asString();
            if (!state.equals("queued") && !state.equals("running")) {
                return job;
            }
            assertThat(System.nanoTime()).as("the import ends: " + job).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    default void anonymousCallersAndReviewersCannotImport() {
        String before = farms();
        byte[] file = geojson("anon", 2, "household");
        assertThat(post("", file, null, "application/geo+json").status()).isEqualTo(401);
        assertThat(post("", file, bearer(Role.REVIEWER), "application/geo+json").status())
                .isEqualTo(403);
        assertThat(post("/../imports", file, bearer(Role.REVIEWER), "application/geo+json")
                        .status())
                .isIn(400, 403);
        assertThat(Http.get(url(IMPORTS + "/anything")).status()).isEqualTo(401);
        assertThat(post("?dryRun=true", file, null, "application/geo+json").status())
                .isEqualTo(401);
        assertThat(farms()).isEqualTo(before);
    }

    @Test
    default void aDryRunReportsEveryProblemAndWritesNothing() {
        String before = farms();
        String editor = bearer(Role.EDITOR, "24");
        double[] at = near24();
        String three = new String(geojson("dry", 3, "household"), StandardCharsets.UTF_8);
        String body = three.substring(0, three.length() - 2)
                + (",{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[2.35,48.85]},"
                        + "\"properties\":{\"name\":\"Paris\",\"province_code\":\"24\",\"owner_type\":\"castle\"}}]}");
        Http.Reply r = post("?dryRun=true", body.getBytes(StandardCharsets.UTF_8), editor, "application/geo+json");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        JsonNode report = r.json();
        assertThat(report.get("dryRun").asBoolean()).isTrue();
        assertThat(report.get("written").asBoolean()).isFalse();
        assertThat(report.get("rowsRead").asLong()).isEqualTo(4);
        assertThat(report.get("accepted").asLong()).as(r.text()).isEqualTo(3);
        assertThat(report.get("rejected").asLong()).isEqualTo(1);
        assertThat(report.get("problems").toString())
                .contains("\"row\":4")
                .contains("owner_type")
                .contains("not inside Vietnam");
        JsonNode bbox = report.get("bbox");
        assertThat(bbox.get(0).asDouble()).isCloseTo(at[0], org.assertj.core.data.Offset.offset(1e-9));
        assertThat(bbox.get(2).asDouble()).isCloseTo(at[0] + 2e-6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(farms()).as("a dry run writes nothing").isEqualTo(before);
        assertThat(Http.get(url("/collections/farms/items/dry-0")).status()).isEqualTo(404);
    }

    /**
     * {@code curl --data-binary @file} says {@code application/x-www-form-urlencoded}: the body is still the file
     * (it was read as form fields, and the answer was a 400 naming the file's text as an unknown parameter).
     */
    @Test
    default void aFileSentAsAFormByCurlIsStillTheFile() {
        String before = farms();
        String editor = bearer(Role.EDITOR, "24");
        String form = "application/x-www-form-urlencoded";
        Http.Reply json = post("?dryRun=true", geojson("curl", 3, "household"), editor, form);
        assertThat(json.status()).as(json.text()).isEqualTo(200);
        assertThat(json.json().get("rowsRead").asLong()).isEqualTo(3);
        assertThat(json.json().get("accepted").asLong()).isEqualTo(3);
        double[] at = near24();
        String csv = "lon,lat,name,province_code,owner_type\n" + at[0] + "," + at[1] + ",a=b&c=d,24,household\n";
        Http.Reply table = post("?dryRun=true&format=csv", csv.getBytes(StandardCharsets.UTF_8), editor, form);
        assertThat(table.status()).as(table.text()).isEqualTo(200);
        assertThat(table.json().get("accepted").asLong()).as(table.text()).isEqualTo(1);
        // its parameters are the query string's, checked as ever
        Http.Reply unknown = post("?dryRun=true&colour=red", geojson("curl", 1, "household"), editor, form);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("parameter").asString()).isEqualTo("colour");
        assertThat(post("?dryRun=%C3%28", geojson("curl", 1, "household"), editor, form)
                        .status())
                .isEqualTo(400);
        assertThat(post("?dryRun=maybe", geojson("curl", 1, "household"), editor, form + "; charset=UTF-8")
                        .json()
                        .get("parameter")
                        .asString())
                .isEqualTo("dryRun");
        assertThat(farms()).isEqualTo(before);
    }

    /** A multipart/form-data body with this boundary: parts as name, filename (null: a text field), type, bytes. */
    static byte[] form(String boundary, Object[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (Object[] part : parts) {
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part[0] + "\""
                    + (part[1] == null ? "" : "; filename=\"" + part[1] + "\"")
                    + (part[2] == null ? "" : "\r\nContent-Type: " + part[2])
                    + "\r\n\r\n";
            b.writeBytes(head.getBytes(StandardCharsets.UTF_8));
            b.writeBytes((byte[]) part[3]);
            b.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        b.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return b.toByteArray();
    }

    /**
     * {@code curl -F file=@farms.geojson}: a form's upload is the file, its text fields the parameters; loose part
     * types are told from the bytes; a second file, an unknown field, a field also in the query, no file, a body cut
     * short or too large are 4xx naming the part, and nothing is written.
     */
    @Test
    default void aFileSentAsAMultipartFormIsImported() throws Exception {
        String before = farms();
        String editor = bearer(Role.EDITOR, "24");
        Path file = folder().resolve("form farms.geojson");
        Files.write(file, geojson("form", 3, "household"));
        Path answer = folder().resolve("form-answer.json");
        Process curl = new ProcessBuilder(
                        "curl",
                        "-s",
                        "-o",
                        answer.toString(),
                        "-w",
                        "%{http_code}",
                        "-H",
                        "Authorization: " + editor,
                        "-F",
                        "file=@" + file,
                        "-F",
                        "dryRun=true",
                        url(IMPORTS))
                .redirectErrorStream(true)
                .start();
        String code = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(code).as(Files.readString(answer)).isEqualTo("200");
        assertThat(Files.readString(answer)).contains("\"rowsRead\":3").contains("\"accepted\":3");
        assertThat(farms()).as("a dry run by form writes nothing").isEqualTo(before);

        String type = "multipart/form-data; boundary=b0undary";
        byte[] json = geojson("form", 2, "household");
        JsonNode job = finished(
                post(
                        "",
                        form("b0undary", new Object[] {"file", "x.json", "application/octet-stream", json}),
                        editor,
                        type),
                editor);
        assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
        assertThat(Http.get(url("/collections/farms/items/form-1")).status()).isEqualTo(200);
        String after = farms();

        Object[] one = {"file", "a.geojson", "application/geo+json", geojson("twice", 1, "household")};
        Object[][][] refused = {
            {one, {"file", "b.geojson", "application/geo+json", geojson("twice", 1, "household")}},
            {one, {"colour", null, null, "red".getBytes(StandardCharsets.UTF_8)}},
            {{"dryRun", null, null, "true".getBytes(StandardCharsets.UTF_8)}},
            {{"dryRun", null, null, "maybe".getBytes(StandardCharsets.UTF_8)}, one},
            {{"crs", null, null, "EPSG:\u0000".getBytes(StandardCharsets.UTF_8)}, one},
            {
                {"dryRun", null, null, "true".getBytes(StandardCharsets.UTF_8)},
                {"dryRun", null, null, "true".getBytes(StandardCharsets.UTF_8)},
                one
            }
        };
        String[] named = {"file", "colour", "file", "dryRun", "crs", "dryRun"};
        for (int i = 0; i < refused.length; i++) {
            Http.Reply r = post("", form("b0undary", refused[i]), editor, type);
            assertThat(r.status()).as(i + ": " + r.text()).isEqualTo(400);
            assertThat(r.json().get("parameter").asString()).as(r.text()).isEqualTo(named[i]);
        }
        Http.Reply both = post(
                "?dryRun=true",
                form("b0undary", new Object[] {"dryRun", null, null, "true".getBytes(StandardCharsets.UTF_8)}, one),
                editor,
                type);
        assertThat(both.json().get("parameter").asString()).as(both.text()).isEqualTo("dryRun");
        byte[] whole = form("b0undary", one);
        Http.Reply cut = post("", java.util.Arrays.copyOf(whole, whole.length - 30), editor, type);
        assertThat(cut.status()).as(cut.text()).isEqualTo(400);
        assertThat(post("", whole, editor, "multipart/form-data").status())
                .as("no boundary")
                .isBetween(400, 415);
        byte[] big = new byte[MAX_UPLOAD + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        Http.Reply large = post("", form("b0undary", new Object[] {"file", "big.geojson", null, big}), editor, type);
        assertThat(large.status()).as(large.text()).isEqualTo(413);
        assertThat(post("", whole, null, type).status()).as("anonymous").isEqualTo(401);
        assertThat(farms()).isEqualTo(after);
    }

    /** An id that no URL could name (a feature written but never read, changed or deleted again) is its row's problem. */
    @Test
    default void anIdNoUrlCouldNameIsRefusedWithItsRow() {
        String admin = "Bearer " + Http.ADMIN_TOKEN;
        for (String id : List.of("ok/1", "..", "ok%1", "ok;1", "ok 1")) {
            byte[] file = new String(geojson("ok", 2, "household"), StandardCharsets.UTF_8)
                    .replace("\"farm_id\":\"ok-1\"", "\"farm_id\":\"" + id + "\"")
                    .getBytes(StandardCharsets.UTF_8);
            Http.Reply r = post("?dryRun=true", file, admin, "application/geo+json");
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            assertThat(r.json().get("rejected").asLong()).as(id).isEqualTo(1);
            assertThat(r.json().get("problems").get(0).get("property").asString())
                    .isEqualTo("farm_id");
            assertThat(r.json().get("problems").get(0).get("row").asLong()).isEqualTo(2);
        }
    }

    @Test
    default void aRealRunWritesEveryRowInOneGoAuditedAsTheEditor() throws Exception {
        String editor = bearer(Role.EDITOR, "24");
        String name = accounts()
                .authenticate(editor.substring("Bearer ".length()))
                .orElseThrow()
                .name();
        double[] at = near24();
        String csv = "ma,ten,loai,lon,lat,province_code,extra\r\n"
                + String.format(Locale.ROOT, "csv-1,Hợp tác xã Một,cooperative,%.7f,%.7f,24,x\r\n", at[0], at[1])
                + String.format(Locale.ROOT, "csv-2,Trại Hai,household,%.7f,%.7f,24,y\r\n", at[0] + 1e-5, at[1]);
        JsonNode job = finished(
                post(
                        "?mapping=ma:farm_id,ten:name,loai:owner_type",
                        csv.getBytes(StandardCharsets.UTF_8),
                        editor,
                        "text/csv"),
                editor);
        assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
        JsonNode report = job.get("report");
        assertThat(report.get("written").asBoolean()).isTrue();
        assertThat(report.get("accepted").asLong()).isEqualTo(2);
        assertThat(report.get("ignoredColumns").toString()).contains("extra");
        assertThat(job.get("rowsRead").asLong()).isEqualTo(2);
        JsonNode farm = Http.get(url("/collections/farms/items/csv-1")).json();
        assertThat(farm.get("properties").get("name").asString()).isEqualTo("Hợp tác xã Một");
        assertThat(farm.get("properties").get("owner_type").asString()).isEqualTo("cooperative");
        JsonNode revisions = Http.get(url("/collections/farms/items/csv-2/revisions"), "Authorization", editor)
                .json()
                .get("revisions");
        assertThat(revisions.size()).isEqualTo(1);
        assertThat(revisions.get(0).get("actor").asString()).isEqualTo(name);
        assertThat(revisions.get(0).get("operation").asString()).isEqualTo("insert");
        String after = farms();
        JsonNode again = finished(
                post(
                        "?mapping=ma:farm_id,ten:name,loai:owner_type",
                        csv.getBytes(StandardCharsets.UTF_8),
                        editor,
                        "text/csv"),
                editor);
        assertThat(again.get("state").asString()).isEqualTo("rejected");
        assertThat(again.get("report").get("problems").toString())
                .contains("csv-1")
                .contains("exists already");
        assertThat(farms()).as("importing the same ids again adds nothing").isEqualTo(after);
        assertThat(Http.get(job.get("links").get(0).get("href").asString(), "Authorization", bearer(Role.EDITOR, "24"))
                        .status())
                .as("another editor does not see the job")
                .isEqualTo(404);
    }

    @Test
    default void oneRejectedRowAndTheImportWritesNothing() throws Exception {
        String before = farms();
        String admin = "Bearer " + Http.ADMIN_TOKEN;
        JsonNode job = finished(post("", geojson("bad", 50, "castle"), admin, "application/geo+json"), admin);
        assertThat(job.get("state").asString()).isEqualTo("rejected");
        assertThat(job.get("report").get("accepted").asLong()).isEqualTo(49);
        assertThat(job.get("report").get("rejected").asLong()).isEqualTo(1);
        assertThat(job.get("report").get("problems").get(0).get("row").asLong()).isEqualTo(50);
        assertThat(farms()).isEqualTo(before);
        assertThat(Http.get(url("/collections/farms/items/bad-0")).status()).isEqualTo(404);
    }

    @Test
    default void anEditorImportsNothingOutsideItsProvinces() throws Exception {
        String before = farms();
        String editor = bearer(Role.EDITOR, "01");
        JsonNode job = finished(post("", geojson("elsewhere", 3, "household"), editor, "application/geo+json"), editor);
        assertThat(job.get("state").asString()).isEqualTo("rejected");
        assertThat(job.get("report").get("rejected").asLong()).isEqualTo(3);
        assertThat(job.get("report").get("problems").get(0).get("property").asString())
                .isEqualTo("province_code");
        assertThat(job.get("report").get("problems").get(0).get("detail").asString())
                .contains("provinces 01 only");
        assertThat(farms()).isEqualTo(before);
    }

    @Test
    default void brokenFilesAreA422ReportAndChangeNothing() throws Exception {
        String before = farms();
        String admin = "Bearer " + Http.ADMIN_TOKEN;
        byte[] whole = geojson("broken", 20, "household");
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);
        Http.Reply dry = post("?dryRun=true", cut, admin, "application/geo+json");
        assertThat(dry.status()).as(dry.text()).isEqualTo(422);
        assertThat(dry.contentType()).startsWith("application/problem+json");
        assertThat(dry.json().get("report").get("problems").toString()).contains("\"property\":\"file\"");
        JsonNode job = finished(post("", cut, admin, "application/geo+json"), admin);
        assertThat(job.get("state").asString()).isEqualTo("rejected");
        assertThat(job.get("report").get("written").asBoolean()).isFalse();
        for (String[] bad : List.of(
                new String[] {"not json at all", "application/geo+json"},
                new String[] {"[1, 2, 3]", "application/geo+json"},
                new String[] {"a,b,c\r\n1,2,3\r\n", "text/csv"},
                new String[] {"SQLite format 3\u0000 but not really", "application/geopackage+sqlite3"},
                new String[] {"PK\u0003\u0004 not a zip", "application/zip"})) {
            Http.Reply r = post("", bad[0].getBytes(StandardCharsets.ISO_8859_1), admin, bad[1]);
            assertThat(r.status()).as(bad[0] + " " + r.text()).isEqualTo(422);
            assertThat(r.json().get("errors").get(0).get("property").asString()).isEqualTo("file");
        }
        assertThat(post("", whole, admin, "text/plain").status()).isEqualTo(415);
        assertThat(post("?format=kml", whole, admin, "application/octet-stream")
                        .json()
                        .get("parameter")
                        .asString())
                .isEqualTo("format");
        assertThat(post("?crs=EPSG:32648", whole, admin, "application/geo+json")
                        .json()
                        .get("parameter")
                        .asString())
                .isEqualTo("crs");
        assertThat(post("?mapping=ten", whole, admin, "application/geo+json")
                        .json()
                        .get("parameter")
                        .asString())
                .isEqualTo("mapping");
        assertThat(post("?dryrun=true", whole, admin, "application/geo+json")
                        .json()
                        .get("parameter")
                        .asString())
                .isEqualTo("dryrun");
        assertThat(post("", new byte[0], admin, "application/geo+json").status())
                .isEqualTo(400);
        assertThat(farms()).isEqualTo(before);
    }

    @Test
    default void anOversizedUploadIs413() {
        String before = farms();
        byte[] big = new byte[MAX_UPLOAD + 1];
        java.util.Arrays.fill(big, (byte) ' ');
        Http.Reply r = post("", big, "Bearer " + Http.ADMIN_TOKEN, "application/geo+json");
        assertThat(r.status()).isEqualTo(413);
        assertThat(farms()).isEqualTo(before);
    }

    @Test
    default void zipSlipAndZipBombsAreRefused() throws Exception {
        String before = farms();
        String admin = "Bearer " + Http.ADMIN_TOKEN;
        Path shp = shapefile("EPSG:4326");
        Http.Reply slip = post("", zip(shp, "../../evil/"), admin, "application/zip");
        assertThat(slip.status()).as(slip.text()).isEqualTo(422);
        assertThat(slip.text()).contains("unsafe");
        Http.Reply absolute = post("", zip(shp, "/tmp/evil/"), admin, "application/zip");
        assertThat(absolute.status()).as(absolute.text()).isEqualTo(422);
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bomb)) {
            z.putNextEntry(new ZipEntry("farms.shp"));
            z.write(new byte[MAX_UNZIPPED + 1]);
            z.closeEntry();
        }
        assertThat(bomb.size()).as("a bomb is small").isLessThan(MAX_UNZIPPED / 50);
        Http.Reply exploded = post("", bomb.toByteArray(), admin, "application/zip");
        assertThat(exploded.status()).as(exploded.text()).isEqualTo(422);
        assertThat(exploded.text()).contains("inflates to more than");
        ByteArrayOutputStream many = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(many)) {
            for (int i = 0; i < 1000; i++) {
                z.putNextEntry(new ZipEntry("f" + i + ".dbf"));
                z.closeEntry();
            }
        }
        assertThat(post("", many.toByteArray(), admin, "application/zip").text())
                .contains("more than");
        assertThat(Files.exists(Path.of(System.getProperty("java.io.tmpdir"))
                        .getParent()
                        .resolve("evil")))
                .isFalse();
        assertThat(farms()).isEqualTo(before);
    }

    /**
     * VN-2000 as GDAL writes it: a shapefile in the TM-3 zone 105°45' (EPSG:9210, an ESRI .prj
     * without authority), a GeoJSON with its legacy crs member, a CSV of WKT in UTM 48N (EPSG:3405)
     * named by the crs parameter: each lands within a metre of where GDAL took it from.
     */
    @Test
    default void vn2000FilesFromGdalAreReprojectedToWhereTheyLie() throws Exception {
        String admin = "Bearer " + Http.ADMIN_TOKEN;
        double[] at = near24();
        Path source = folder().resolve("vn-source.geojson");
        Files.write(source, geojson("vn", 1, "household"));
        Path tm3 = folder().resolve("vn-tm3.geojson");
        gdal("ogr2ogr", "-f", "GeoJSON", "-t_srs", "EPSG:9210", tm3.toString(), source.toString());
        assertThat(Files.readString(tm3)).contains("EPSG::9210");
        Path utm = folder().resolve("vn-utm.csv");
        gdal(
                "ogr2ogr",
                "-f",
                "CSV",
                "-t_srs",
                "EPSG:3405",
                "-lco",
                "GEOMETRY=AS_WKT",
                utm.toString(),
                source.toString());
        Path shp = shapefile("EPSG:9210");
        assertThat(Files.readString(shp.resolveSibling("farms.prj")))
                .contains("105.75")
                .doesNotContain("AUTHORITY");
        List<Object[]> files = List.of(
                new Object[] {"?dryRun=true", Files.readAllBytes(tm3), "application/geo+json", "9210"},
                new Object[] {"?dryRun=true&crs=EPSG:3405", Files.readAllBytes(utm), "text/csv", "3405"},
                new Object[] {"?dryRun=true&mapping=province_c:province_code", zip(shp, ""), "application/zip", "9210"
                });
        for (Object[] f : files) {
            Http.Reply r = post((String) f[0], (byte[]) f[1], admin, (String) f[2]);
            assertThat(r.status()).as(r.text()).isEqualTo(200);
            JsonNode report = r.json();
            assertThat(report.get("crs").asString()).endsWith("/" + f[3]);
            assertThat(report.get("accepted").asLong()).as(report.toString()).isEqualTo(1);
            assertThat(report.get("bbox").get(0).asDouble())
                    .as(f[3] + " longitude")
                    .isCloseTo(at[0], org.assertj.core.data.Offset.offset(1e-5));
            assertThat(report.get("bbox").get(1).asDouble())
                    .as(f[3] + " latitude")
                    .isCloseTo(at[1], org.assertj.core.data.Offset.offset(1e-5));
        }
        JsonNode job = finished(post("", Files.readAllBytes(tm3), admin, "application/geo+json"), admin);
        assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("succeeded");
        JsonNode c = Http.get(url("/collections/farms/items/vn-0"))
                .json()
                .get("geometry")
                .get("coordinates");
        assertThat(c.get(0).asDouble()).isCloseTo(at[0], org.assertj.core.data.Offset.offset(1e-5));
        assertThat(c.get(1).asDouble()).isCloseTo(at[1], org.assertj.core.data.Offset.offset(1e-5));
    }

    /** A shapefile of one farm in {@code srs}, made by ogr2ogr; returns its .shp. */
    default Path shapefile(String srs) throws IOException {
        Path dir = folder().resolve("shp-" + srs.replace(':', '-') + "-" + System.nanoTime());
        Files.createDirectories(dir);
        Path source = dir.resolve("source.geojson");
        Files.write(source, geojson("shp" + srs.replace(':', '-').toLowerCase(Locale.ROOT), 1, "household"));
        gdal(
                "ogr2ogr",
                "-f",
                "ESRI Shapefile",
                "-t_srs",
                srs,
                dir.resolve("farms.shp").toString(),
                source.toString());
        return dir.resolve("farms.shp");
    }

    /** The shapefile's parts zipped, each entry named {@code prefix} + its name. */
    default byte[] zip(Path shp, String prefix) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (String ext : List.of("shp", "shx", "dbf", "prj")) {
                Path part = shp.resolveSibling("farms." + ext);
                if (Files.exists(part)) {
                    z.putNextEntry(new ZipEntry(prefix + "farms." + ext));
                    z.write(Files.readAllBytes(part));
                    z.closeEntry();
                }
            }
        }
        return out.toByteArray();
    }

    private static void gdal(String... command) {
        Processes.Result r = Processes.run(60, List.of(command));
        assertThat(r.exitCode()).as(r.output()).isZero();
    }
}
