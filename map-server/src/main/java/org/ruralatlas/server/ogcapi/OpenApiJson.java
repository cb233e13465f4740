package org.ruralatlas.server.ogcapi;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API document as JSON, in OpenAPI 3.0's spelling. swagger-models are plain beans that
 * swagger-core writes with its own Jackson 2 mix-ins; these are the few the models need under
 * Jackson 3: {@code $ref} by that name, no 3.1-only or bookkeeping members, no nulls, members in
 * the order the models declare them (the specification's).
 */
final class OpenApiJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .changeDefaultPropertyInclusion(v -> v.withValueInclusion(JsonInclude.Include.NON_NULL))
            .addMixIn(OpenAPI.class, Extensible.class)
            .addMixIn(Schema.class, SchemaMixIn.class)
            .addMixIn(Parameter.class, Referable.class)
            .addMixIn(ApiResponse.class, Referable.class)
            .addMixIn(MediaType.class, Referable.class)
            .build();

    private OpenApiJson() {}

    /** The document as a JSON tree, for a controller's body. */
    static JsonNode tree(OpenAPI document) {
        return MAPPER.valueToTree(document);
    }

    @JsonIgnoreProperties({"specVersion"})
    abstract static class Extensible {
        @JsonAnyGetter
        abstract Map<String, Object> getExtensions();
    }

    @JsonIgnoreProperties({"exampleSetFlag"})
    abstract static class Referable {
        @JsonProperty("$ref")
        abstract String get$ref();

        @JsonAnyGetter
        abstract Map<String, Object> getExtensions();
    }

    @JsonIgnoreProperties({
        "exampleSetFlag",
        "types",
        "specVersion",
        "jsonSchema",
        "jsonSchemaImpl",
        "booleanSchemaValue"
    })
    abstract static class SchemaMixIn extends Referable {}
}
