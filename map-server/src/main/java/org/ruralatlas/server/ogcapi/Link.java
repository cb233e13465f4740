package org.ruralatlas.server.ogcapi;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A web link as OGC API documents carry them; {@code templated} marks a URI template (OGC API – Tiles). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Link(String href, String rel, String type, String title, Boolean templated) {

    public Link(String href, String rel, String type, String title) {
        this(href, rel, type, title, null);
    }

    public static Link templated(String href, String rel, String type, String title) {
        return new Link(href, rel, type, title, Boolean.TRUE);
    }
}
