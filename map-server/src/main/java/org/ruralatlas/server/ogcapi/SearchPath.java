package org.ruralatlas.server.ogcapi;

import static org.ruralatlas.server.ogcapi.ApiParts.JSON;
import static org.ruralatlas.server.ogcapi.ApiParts.arrayOf;
import static org.ruralatlas.server.ogcapi.ApiParts.described;
import static org.ruralatlas.server.ogcapi.ApiParts.formQuery;
import static org.ruralatlas.server.ogcapi.ApiParts.get;
import static org.ruralatlas.server.ogcapi.ApiParts.integer;
import static org.ruralatlas.server.ogcapi.ApiParts.object;
import static org.ruralatlas.server.ogcapi.ApiParts.ok;
import static org.ruralatlas.server.ogcapi.ApiParts.oneOf;
import static org.ruralatlas.server.ogcapi.ApiParts.query;
import static org.ruralatlas.server.ogcapi.ApiParts.ref;
import static org.ruralatlas.server.ogcapi.ApiParts.string;
import static org.ruralatlas.server.ogcapi.ApiParts.typed;

import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.LayerCatalog;

/** {@code /search}: features by name, for search boxes. */
final class SearchPath {

    private SearchPath() {}

    static void add(Paths paths, LayerCatalog catalog) {
        List<String> layers = catalog.collections().stream().map(Layer::id).toList();
        Schema<Object> result = object().addProperty("id", string())
                .addProperty("layer", oneOf(layers))
                .addProperty("name", string())
                .addProperty("label", described(string(), "Commune and province the feature lies in"))
                .addProperty(
                        "match",
                        described(
                                oneOf(List.of("exact", "prefix", "fuzzy", "fuzzy_prefix")),
                                "The weakest way a query word matched"))
                .addProperty("score", typed("number"))
                .addProperty(
                        "point", described(arrayOf(typed("number")), "A point on the feature, longitude, latitude"))
                .addProperty("bbox", described(arrayOf(typed("number")), "minx, miny, maxx, maxy (CRS84)"))
                .addProperty("href", described(string(), "The feature in the items API"));
        Schema<Object> body = object().addProperty("query", string())
                .addProperty("numberReturned", integer())
                .addProperty("results", arrayOf(result));
        paths.addPathItem(
                "/search",
                get(
                        "search",
                        "Data",
                        "Find tourism sites, communes, provinces, zones and farms by name. "
                                + "Insensitive to case, diacritics, tone-mark placement (Hoà/Hòa), Unicode form and đ/Đ; the last word may be "
                                + "unfinished (autocomplete) and words of four letters or more may carry one typo. Best matches first.",
                        List.of(
                                query(SearchText.NAME, SearchText.DESCRIPTION, SearchText.schema())
                                        .required(true),
                                query(Limit.SEARCH.name(), Limit.SEARCH.description(), Limit.SEARCH.schema()),
                                formQuery("layers", "Only these layers", arrayOf(oneOf(layers))),
                                ref("bbox")),
                        ok("The results, best first", JSON, body, false)));
    }
}
