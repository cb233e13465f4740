package org.ruralatlas.server.ogcapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.math.BigDecimal;
import java.util.List;

/**
 * The pieces the API document is made of, typed (swagger-models), so each path family reads as
 * what it declares: a GET with the project's usual answers, a query parameter, a schema.
 */
final class ApiParts {

    static final String GEOJSON = "application/geo+json";
    static final String JSON = "application/json";
    static final String HTML = "text/html";
    static final String PROBLEM = "application/problem+json";

    private ApiParts() {}

    /** A GET with the answers every read has: its 200, 304, and the shared 400, 404 and 500. */
    static PathItem get(String operationId, String tag, String summary, List<Parameter> parameters, ApiResponse ok) {
        ApiResponses responses = new ApiResponses()
                .addApiResponse("200", ok)
                .addApiResponse(
                        "304",
                        new ApiResponse().description("Not modified: the copy named in If-None-Match is current"))
                .addApiResponse("400", new ApiResponse().$ref("#/components/responses/BadRequest"))
                .addApiResponse("404", new ApiResponse().$ref("#/components/responses/NotFound"))
                .addApiResponse("500", new ApiResponse().$ref("#/components/responses/ServerError"));
        return new PathItem()
                .get(new Operation()
                        .tags(List.of(tag))
                        .summary(summary)
                        .operationId(operationId)
                        .parameters(parameters)
                        .responses(responses));
    }

    /** A 200 in one media type, and as an HTML page too when {@code html}. */
    static ApiResponse ok(String description, String type, Schema<?> schema, boolean html) {
        Content content = new Content().addMediaType(type, new MediaType().schema(schema));
        if (html) {
            content.addMediaType(HTML, new MediaType().schema(string()));
        }
        return new ApiResponse().description(description).content(content);
    }

    /** An answer whose body is one of these media types, each of this schema. */
    static ApiResponse answer(String description, Schema<?> schema, String... types) {
        Content content = new Content();
        for (String type : types) {
            content.addMediaType(type, new MediaType().schema(schema));
        }
        return new ApiResponse().description(description).content(content);
    }

    /** An answer with an RFC 9457 problem document. */
    static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(problemContent());
    }

    static Content problemContent() {
        return new Content().addMediaType(PROBLEM, new MediaType().schema(schemaRef("problem")));
    }

    static Parameter query(String name, String description, Schema<?> schema) {
        return new Parameter()
                .name(name)
                .in("query")
                .required(false)
                .description(description)
                .schema(schema);
    }

    /** An optional query parameter in the form style OGC API Features uses (one value, lists comma-separated). */
    static Parameter formQuery(String name, String description, Schema<?> schema) {
        return query(name, description, schema).style(Parameter.StyleEnum.FORM).explode(false);
    }

    static Parameter path(String name, String description, Schema<?> schema) {
        return new Parameter()
                .name(name)
                .in("path")
                .required(true)
                .description(description)
                .schema(schema);
    }

    /** A parameter of the document's components. */
    static Parameter ref(String parameter) {
        return new Parameter().$ref("#/components/parameters/" + parameter);
    }

    /** A schema of the document's components. */
    static Schema<Object> schemaRef(String schema) {
        return new Schema<>().$ref("#/components/schemas/" + schema);
    }

    static Schema<Object> typed(String type) {
        return new Schema<>().type(type);
    }

    static Schema<Object> object() {
        return typed("object");
    }

    static Schema<Object> string() {
        return typed("string");
    }

    static Schema<Object> integer() {
        return typed("integer");
    }

    static Schema<Object> bool() {
        return typed("boolean");
    }

    static Schema<Object> binary() {
        return string().format("binary");
    }

    /** A string of one of these values. */
    static Schema<String> oneOf(List<String> values) {
        return new StringSchema()._enum(values);
    }

    static Schema<Object> arrayOf(Schema<?> items) {
        return new ArraySchema().items(items);
    }

    /** A schema with a description (the models' setter returns the raw type). */
    static <T> Schema<T> described(Schema<T> schema, String description) {
        schema.setDescription(description);
        return schema;
    }

    static BigDecimal number(double value) {
        return BigDecimal.valueOf(value);
    }
}
