package org.ruralatlas.server.ogcapi;

import java.util.Collection;
import java.util.Map;

/** A controller some of whose routes take parameters that depend on the request: a layer's queryable properties. */
public interface QueryParameterSource {

    /**
     * The names the handler method {@code handler} takes besides its {@link QueryParameters},
     * for these path variables; may refuse the request (404 for an unknown layer).
     */
    Collection<String> queryParameters(String handler, Map<String, String> pathVariables);
}
