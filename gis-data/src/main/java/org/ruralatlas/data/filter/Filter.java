package org.ruralatlas.data.filter;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.filter.Expression.Property;
import org.ruralatlas.data.geo.Crs;
import org.ruralatlas.data.geo.CrsOffer;

/**
 * A CQL2 filter bound to a layer: checked against its queryables and types, its geometries in
 * CRS84, ready for either store (PostGIS translates it to SQL, the GeoPackage store tests
 * features with {@link #test}). Immutable and safe to share between threads.
 */
public final class Filter {

    private final Layer layer;
    private final Expression expression;
    private final Evaluator evaluator;
    private final Set<String> properties;
    private final boolean usesGeometry;

    private Filter(Layer layer, Expression expression) {
        this.layer = layer;
        this.expression = expression;
        this.evaluator = new Evaluator(layer, expression);
        Set<String> names = new LinkedHashSet<>();
        collectProperties(expression, names);
        this.usesGeometry = names.remove(ValueType.GEOMETRY_PROPERTY);
        this.properties = Collections.unmodifiableSet(names);
    }

    /** {@code expression}, its geometries written in {@code crs}, bound to {@code layer}. */
    public static Filter bind(Layer layer, Expression expression, Crs crs) {
        return new Filter(layer, Binder.bind(layer, expression, crs));
    }

    /**
     * The filter of a request: {@code text} in {@code language} ({@code cql2-text} or {@code
     * cql2-json}; null for text) with geometries in {@code crs} (a URI or safe CURIE; null for
     * CRS84) that {@code offer} includes. Every problem is a {@link BadFilterException} naming the
     * parameter at fault.
     */
    public static Filter parse(Layer layer, String text, String language, String crs, CrsOffer offer) {
        Crs filterCrs = Crs.CRS84;
        if (crs != null) {
            filterCrs = offer.byName(crs).orElseThrow(() -> BadFilterException.unsupportedCrs(crs, offer.uris()));
        }
        return bind(layer, Cql2.parse(text, Cql2.Language.named(language)), filterCrs);
    }

    /** The names a filter on {@code layer} may use: {@code geometry} (for layers with one) and its queryables. */
    public static List<String> queryables(Layer layer) {
        return Binder.queryables(layer);
    }

    public Layer layer() {
        return layer;
    }

    /** The bound expression, as the translators read it. */
    public Expression expression() {
        return expression;
    }

    /** The type of a node of {@link #expression()}. */
    public ValueType typeOf(Expression node) {
        return ValueType.of(layer, node);
    }

    /** The catalogue properties the filter reads (not the geometry). */
    public Set<String> properties() {
        return properties;
    }

    /** True when the filter reads the feature's geometry. */
    public boolean usesGeometry() {
        return usesGeometry;
    }

    /**
     * Boxes (CRS84) that every selected feature's envelope meets, for a spatial index; empty when
     * the filter does not confine features in space. An empty list: nothing can match.
     */
    public Optional<List<Envelope>> candidateBoxes() {
        return CandidateBoxes.of(expression);
    }

    /** True when the feature with these properties (typed as the catalogue says) and geometry (CRS84) is selected. */
    public boolean test(Map<String, Object> featureProperties, Geometry geometry) {
        return evaluator.test(expression, featureProperties, geometry);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Filter f && f.layer.id().equals(layer.id()) && f.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return layer.id().hashCode() * 31 + expression.hashCode();
    }

    @Override
    public String toString() {
        return "Filter[" + layer.id() + ": " + expression + "]";
    }

    private static void collectProperties(Expression e, Set<String> names) {
        if (e instanceof Property p) {
            names.add(p.name());
        }
        for (Expression child : Children.of(e)) {
            collectProperties(child, names);
        }
    }
}
