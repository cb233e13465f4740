package org.ruralatlas.data.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class that needs a real part or the whole application: PostgreSQL ({@link TestDatabase},
 * a private cluster), GDAL's programs, headless Chromium, or a booted {@code MapServerApplication}.
 * Such classes run in {@code verify} (Maven Failsafe, {@code scripts/test.sh}), not in
 * {@code ./mvnw test}, which stays quick and needs none of them. Inherited: on an abstract contract
 * class it covers every store's subclass.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag(IntegrationTest.TAG)
public @interface IntegrationTest {

    /** The JUnit tag; the parent pom's Surefire excludes it and Failsafe runs only it. */
    String TAG = "integration";
}
