package org.ruralatlas.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.springframework.stereotype.Controller;

/**
 * The rules of ARCHITECTURE.md, checked on the compiled code of the three modules: the modules
 * depend one way (map-server → tile-cache → gis-data), the plain-Java modules import no Spring,
 * servlet or HTTP types, map-server holds no JDBC, no two packages of a module depend on each
 * other in a cycle, and no controller calls another.
 */
@AnalyzeClasses(packages = "org.ruralatlas", importOptions = ArchitectureTest.ProductionCode.class)
class ArchitectureTest {

    private static final String DATA = "org.ruralatlas.data..";
    private static final String TILES = "org.ruralatlas.tiles..";
    private static final String SERVER = "org.ruralatlas.server..";

    @ArchTest
    static final ArchRule gisDataAndTileCacheImportNoWebTypes = noClasses()
            .that()
            .resideInAnyPackage(DATA, TILES)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..",
                    "jakarta.servlet..",
                    "javax.servlet..",
                    "java.net.http..",
                    "org.apache.catalina..",
                    "org.apache.tomcat..",
                    "org.apache.hc..",
                    "okhttp3..")
            .because(
                    "gis-data and tile-cache stay runnable without the web server (loading, seeding, statistics, benchmarks)");

    @ArchTest
    static final ArchRule modulesDependOneWay = noClasses()
            .that()
            .resideInAPackage(DATA)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(TILES, SERVER)
            .because("map-server → tile-cache → gis-data");

    @ArchTest
    static final ArchRule tileCacheDoesNotKnowTheServer = noClasses()
            .that()
            .resideInAPackage(TILES)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(SERVER)
            .because("map-server → tile-cache → gis-data");

    @ArchTest
    static final ArchRule mapServerHoldsNoJdbc = noClasses()
            .that()
            .resideInAPackage(SERVER)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "javax.sql..")
            .because("SQL lives in gis-data (and tile-cache's PostGIS producer); map-server is the HTTP face");

    /**
     * One "today": Vietnam's calendar day ({@code VietnamCalendar.today()}), which the data's validity dates are in. The
     * items' default time, tiles, search, NTM records and edits had three (UTC's, the JVM zone's and Vietnam's), so from
     * 00:00 to 07:00 in Vietnam a version begun today by an edit was not yet shown. A clock given to a class (the
     * surveys') stays allowed.
     */
    @ArchTest
    static final ArchRule oneToday = noClasses()
            .that()
            .doNotHaveFullyQualifiedName("org.ruralatlas.data.feature.VietnamCalendar")
            .should()
            .callMethod(java.time.LocalDate.class, "now")
            .orShould()
            .callMethod(java.time.LocalDate.class, "now", java.time.ZoneId.class)
            .because("the day is Vietnam's, whatever the server's zone: VietnamCalendar.today()");

    @ArchTest
    static final ArchRule noCyclesInGisData =
            slices().matching("org.ruralatlas.data.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noCyclesInTileCache = slices().matching("org.ruralatlas.tiles.(*)..")
            .should()
            .beFreeOfCycles()
            .allowEmptyShould(true);

    /** No cycle among map-server's packages: the OpenAPI document takes the parameters it describes from ogcapi's typed parameters. */
    @ArchTest
    static final ArchRule noCyclesInMapServer =
            slices().assignedFrom(new ServerPackages()).should().beFreeOfCycles();

    @ArchTest
    static final ArchRule controllersDoNotCallEachOther =
            classes().that(Controllers.PART_OF_ONE).should(Controllers.NOT_CALL_ANOTHER);

    /**
     * No method of map-server is over {@value MethodLength#LIMIT} lines: a controller maps a
     * request to calls and a result to a representation; what is longer is domain logic (it
     * belongs in gis-data) or several steps that deserve names. Counted from the compiled code:
     * the lines from the first to the last line holding code (lambda bodies included), plus the
     * signature and the closing brace.
     */
    @ArchTest
    static final ArchRule noLongMethodsInMapServer = codeUnits()
            .that()
            .areDeclaredInClassesThat()
            .resideInAPackage(SERVER)
            .should(MethodLength.AT_MOST_LIMIT);

    /** Each first-level package of map-server is a slice, and so is the root package (the application and its command line). */
    static final class ServerPackages implements SliceAssignment {

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String p = c.getPackageName();
            if (p.equals("org.ruralatlas.server")) {
                return SliceIdentifier.of("server (root)");
            }
            if (p.startsWith("org.ruralatlas.server.")) {
                String rest = p.substring("org.ruralatlas.server.".length());
                int dot = rest.indexOf('.');
                return SliceIdentifier.of(dot < 0 ? rest : rest.substring(0, dot));
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "map-server's packages (the root one included)";
        }
    }

    /** Controllers (Spring's {@code @Controller}, {@code @RestController}) and the classes nested in them. */
    static final class Controllers {

        static final com.tngtech.archunit.base.DescribedPredicate<JavaClass> PART_OF_ONE =
                com.tngtech.archunit.base.DescribedPredicate.describe(
                        "are controllers or nested in one", c -> isController(top(c)));

        /**
         * Known calls, left to the typed-edge work of issue 13 (features is being reworked
         * there): the items and schema pages find their layer through {@code CollectionsController.layer}.
         */
        private static final java.util.Set<String> KNOWN = java.util.Set.of(
                "org.ruralatlas.server.features.ItemsController -> org.ruralatlas.server.features.CollectionsController",
                "org.ruralatlas.server.features.SchemaController -> org.ruralatlas.server.features.CollectionsController");

        static final ArchCondition<JavaClass> NOT_CALL_ANOTHER =
                new ArchCondition<>("not depend on another controller") {
                    @Override
                    public void check(JavaClass c, ConditionEvents events) {
                        for (Dependency d : c.getDirectDependenciesFromSelf()) {
                            JavaClass target = top(d.getTargetClass());
                            if (isController(target)
                                    && !target.equals(top(c))
                                    && !KNOWN.contains(top(c).getName() + " -> " + target.getName())) {
                                events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                            }
                        }
                    }
                };

        private static JavaClass top(JavaClass c) {
            JavaClass t = c;
            while (t.getEnclosingClass().isPresent()) {
                t = t.getEnclosingClass().get();
            }
            return t;
        }

        private static boolean isController(JavaClass c) {
            return !c.isAnnotation() && c.isMetaAnnotatedWith(Controller.class);
        }
    }

    /** The length of a method or constructor in source lines, as its compiled code tells it. */
    static final class MethodLength {

        static final int LIMIT = 60;

        static final ArchCondition<JavaCodeUnit> AT_MOST_LIMIT =
                new ArchCondition<>("be at most " + LIMIT + " lines long") {
                    @Override
                    public void check(JavaCodeUnit unit, ConditionEvents events) {
                        int lines = lines(unit);
                        if (lines > LIMIT) {
                            events.add(SimpleConditionEvent.violated(
                                    unit,
                                    unit.getFullName() + " is " + lines + " lines long (" + unit.getSourceCodeLocation()
                                            + ")"));
                        }
                    }
                };

        /** Signature, first to last line with code, closing brace; 0 for code the compiler wrote (no lines of its own). */
        static int lines(JavaCodeUnit unit) {
            if (unit.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.SYNTHETIC)) {
                return 0;
            }
            int first = Integer.MAX_VALUE;
            int last = 0;
            java.util.List<Integer> seen = new java.util.ArrayList<>();
            unit.getAccessesFromSelf().forEach(a -> seen.add(a.getLineNumber()));
            unit.getInstanceofChecks().forEach(a -> seen.add(a.getLineNumber()));
            unit.getReferencedClassObjects().forEach(a -> seen.add(a.getLineNumber()));
            for (int line : seen) {
                if (line > 0) {
                    first = Math.min(first, line);
                    last = Math.max(last, line);
                }
            }
            int start = unit.getSourceCodeLocation().getLineNumber();
            if (start > 0) {
                first = Math.min(first, start);
                last = Math.max(last, start);
            }
            return last == 0 ? 0 : last - first + 3;
        }
    }

    /** The modules' own classes, not their tests (which reach across packages on purpose). */
    static final class ProductionCode implements ImportOption {

        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/")
                    && !location.matches(java.util.regex.Pattern.compile(".*-tests\\.jar.*"));
        }
    }
}
