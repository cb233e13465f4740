// RuralAtlas /api.html: Swagger UI (the webjar's global SwaggerUIBundle) on the server's OpenAPI definition.
SwaggerUIBundle({ url: 'api?f=json', dom_id: '#swagger-ui', deepLinking: true });
