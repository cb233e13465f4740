package org.ruralatlas.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.support.AnnotationSupport;
import org.ruralatlas.data.testing.IntegrationTest;
import org.ruralatlas.data.testing.PrivateCluster;
import org.ruralatlas.data.testing.TestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Keeps {@code ./mvnw test} quick and free of real parts: every test class of map-server that
 * boots the application, reaches PostgreSQL, runs GDAL's programs or drives Chromium, itself or
 * through a superclass, is an {@link IntegrationTest} (run by Failsafe in {@code verify}).
 */
class TestSpeedsTest {

    /** What makes a test an integration test, as the types it uses. */
    private static final List<Class<?>> REAL_PARTS = List.of(
            TestDatabase.class,
            PrivateCluster.class,
            Chromium.class,
            Processes.class,
            SpringApplicationBuilder.class,
            MapServerApplication.class);

    private static final JavaClasses TESTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages("org.ruralatlas.server");

    @Test
    void everyTestThatUsesARealPartIsAnIntegrationTest() {
        Set<String> untagged = new TreeSet<>();
        for (JavaClass c : TESTS) {
            if (isRunAsTest(c)
                    && !c.isEquivalentTo(TestSpeedsTest.class)
                    && realPart(c).isPresent()
                    && !tagged(c.reflect())) {
                untagged.add(c.getSimpleName() + " (" + realPart(c).get() + ")");
            }
        }
        assertThat(untagged)
                .as("annotate these classes (or their contract class) with @IntegrationTest")
                .isEmpty();
    }

    @Test
    void theRuleSeesTheApplicationTestsAndLeavesTheUnitTests() {
        JavaClass booted = TESTS.get(SearchBudgetTest.class);
        JavaClass storeContract = TESTS.get(PostgisApiTest.class);
        assertThat(realPart(booted)).isPresent();
        assertThat(realPart(storeContract)).isPresent();
        assertThat(tagged(PostgisApiTest.class)).isTrue();
        JavaClass unit = TESTS.get("org.ruralatlas.server.tiles.TileUrlTest");
        assertThat(realPart(unit)).isEmpty();
        assertThat(tagged(unit.reflect())).isFalse();
    }

    /** A concrete class whose name Surefire and Failsafe pick up. */
    private static boolean isRunAsTest(JavaClass c) {
        String name = c.getSimpleName();
        return c.isTopLevelClass()
                && !c.getModifiers().contains(JavaModifier.ABSTRACT)
                && (name.endsWith("Test") || name.endsWith("Tests") || name.startsWith("Test") || name.endsWith("IT"));
    }

    /** The first real part the class or a superclass uses (in its own code or its nested classes'), if any. */
    private static Optional<String> realPart(JavaClass c) {
        for (JavaClass k = c;
                k != null && k.getPackageName().startsWith("org.ruralatlas");
                k = k.getRawSuperclass().orElse(null)) {
            if (k.isMetaAnnotatedWith(SpringBootTest.class)) {
                return Optional.of("@SpringBootTest");
            }
            String top = k.getName();
            for (JavaClass part : TESTS) {
                if (part.getName().equals(top) || part.getName().startsWith(top + "$")) {
                    for (Dependency d : part.getDirectDependenciesFromSelf()) {
                        for (Class<?> real : REAL_PARTS) {
                            if (d.getTargetClass().isEquivalentTo(real)) {
                                return Optional.of(real.getSimpleName());
                            }
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean tagged(Class<?> c) {
        return AnnotationSupport.findRepeatableAnnotations(c, Tag.class).stream()
                .anyMatch(t -> t.value().equals(IntegrationTest.TAG));
    }
}
