package org.ruralatlas.server.ogcapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The query parameters a handler method reads. {@link QueryParameterCheck} refuses any other,
 * and any given twice, with 400 naming it, on every route of RuralAtlas: a misspelt filter
 * ({@code ?provice=24}) must not quietly return everything. A handler without this annotation
 * takes none. Names that depend on the request (a layer's queryable properties) come from
 * {@link QueryParameterSource}.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface QueryParameters {

    String[] value() default {};
}
