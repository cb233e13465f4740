package org.ruralatlas.data.edit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.VietnamCalendar;
import org.ruralatlas.data.io.GeoJsonGeometries;
import org.ruralatlas.data.store.PropertyValues;
import org.ruralatlas.data.text.PlainText;
import tools.jackson.databind.JsonNode;

/**
 * Checks a feature sent for writing against its layer's schema in the catalogue, and lists every
 * problem rather than the first: unknown properties, values of the wrong type, outside the
 * allowed values or the range, text with control characters, required properties missing; a
 * geometry missing, of a type the layer does not hold, invalid (OGC simple features), outside
 * Vietnam, or in another province than its {@code province_code}; an NTM level on a unit that is
 * not a rural commune ({@code xa}). Required are the id, and
 * {@code name} and {@code province_code} where the layer has them: a feature without a name
 * cannot be found, one without a province cannot be scoped to an editor.
 */
public final class FeatureValidator {

    /**
     * The id of a new feature, whoever writes it (the API, an import, a proposal): what one path segment of
     * {@code /collections/{id}/items/{featureId}} names as it is. The edge refuses an encoded {@code /}, {@code %} or
     * {@code ;}, and {@code .} and {@code ..} are dot segments, so a freer id would make a feature no URL reaches.
     */
    public static final java.util.regex.Pattern NEW_ID =
            java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@~-]{0,99}");

    /** The longest text a property takes. */
    public static final int MAX_TEXT = 10_000;

    private static final Set<String> REQUIRED = Set.of("name", "province_code");

    /** The checked feature (null when a problem prevents building it) and every problem. */
    public record Checked(Feature feature, List<EditProblem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private final Provinces provinces;

    /**
     * The properties of {@code layer} that a written feature must have besides its id, in the
     * catalogue's order: what its JSON Schema lists as {@code required}, so that a form can ask for
     * them before the server refuses their absence.
     */
    public static List<String> required(Layer layer) {
        return layer.properties().stream()
                .map(PropertySpec::name)
                .filter(REQUIRED::contains)
                .toList();
    }

    /**
     * The properties that a write may only leave as they are, since the server keeps them (a commune's standing
     * follows its newest assessment): a schema marks them {@code readOnly}, so a form does not offer them.
     */
    public static List<String> readOnly(Layer layer) {
        return layer.id().equals("communes") ? CommuneStanding.FOLLOWED : List.of();
    }

    /**
     * {@code next} with {@code current}'s {@link #readOnly} properties (none to keep when {@code current} is null): a
     * restore puts back what an edit could have changed, not what the server keeps, so an old revision of a commune
     * does not bring back a standing that its assessments no longer say.
     */
    public static Feature keepingReadOnly(Layer layer, Feature next, Feature current) {
        if (current == null || readOnly(layer).isEmpty()) {
            return next;
        }
        Map<String, Object> values = new LinkedHashMap<>(next.properties());
        readOnly(layer).forEach(p -> values.put(p, current.properties().get(p)));
        return new Feature(next.id(), next.geometry(), values);
    }

    public FeatureValidator(Provinces provinces) {
        this.provinces = provinces;
    }

    /**
     * The feature {@code id} of {@code layer} with these properties (a JSON object; the id
     * property, when given, must be {@code id}) and geometry ({@code geometryProblem} says why
     * the client's geometry could not be read, when it could not). Where it lies (inside Vietnam,
     * in its {@code province_code}) is checked when it is new or moves, or its province changes,
     * against {@code previous} (null for a new feature): an edit of a name never fails on a
     * placement it did not touch.
     */
    public Checked check(
            Layer layer, String id, JsonNode properties, Geometry geometry, String geometryProblem, Feature previous) {
        List<EditProblem> problems = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        if (properties == null || !properties.isObject()) {
            problems.add(new EditProblem("properties", "properties must be a JSON object"));
        } else {
            for (String name : properties.propertyNames()) {
                if (layer.property(name).isEmpty()) {
                    problems.add(new EditProblem(name, "not a property of " + layer.id()));
                }
            }
            for (PropertySpec p : layer.properties()) {
                JsonNode v = properties.get(p.name());
                Object value = v == null || v.isNull() ? null : value(p, v, problems);
                values.put(p.name(), value);
            }
        }
        Object givenId = values.get(layer.idProperty());
        if (givenId == null) {
            values.put(layer.idProperty(), id);
        } else if (!givenId.equals(id)) {
            problems.add(new EditProblem(layer.idProperty(), "the id of a feature cannot change: it is " + id));
        }
        if (previous == null && (id == null || !NEW_ID.matcher(id).matches())) {
            problems.add(new EditProblem(
                    layer.idProperty(),
                    "an id is 1 to 100 letters, digits, '.', '_', '@', '~' or '-', starting with a letter or digit"));
        }
        for (PropertySpec p : layer.properties()) {
            if (REQUIRED.contains(p.name())
                    && values.get(p.name()) == null
                    && properties != null
                    && properties.isObject()) {
                problems.add(new EditProblem(p.name(), p.name() + " is required"));
            }
        }
        Object level = values.get("ntm_level");
        Object type = values.get("unit_type");
        if (type != null && !"xa".equals(type) && level != null && !"none".equals(level)) {
            problems.add(new EditProblem(
                    "ntm_level",
                    "a " + type + " takes no NTM level: only rural communes (xã) do (ntm_level none or null)"));
        }
        followed(layer, values, previous, problems);
        Geometry g = geometry(layer, geometry, geometryProblem, problems);
        boolean placed = previous != null
                && g != null
                && previous.geometry() != null
                && previous.geometry().equalsExact(g)
                && java.util.Objects.equals(previous.properties().get("province_code"), values.get("province_code"));
        if (g != null && !placed) {
            Provinces.Placement placement = provinces.place(g);
            if (!placement.insideVietnam()) {
                problems.add(new EditProblem("geometry", "the geometry is not inside Vietnam (today's provinces)"));
            }
            Object code = values.get("province_code");
            if (code != null && placement.insideVietnam() && !placement.codes().contains(code)) {
                problems.add(new EditProblem(
                        "province_code",
                        "province_code is " + code + " but the geometry lies in "
                                + String.join(", ", placement.codes())));
            }
        }
        return new Checked(problems.isEmpty() ? new Feature(id, g, values) : null, List.copyOf(problems));
    }

    /**
     * A commune's {@link CommuneStanding#FOLLOWED} fields are what its newest assessment says, so no edit of the
     * commune sets them (an assessment is recorded instead): a PATCH or PUT may only leave them as they are; a new
     * version that the standing follows (a rural commune, not ended) starts with them empty, as a new unit has no
     * assessment of its own yet (DOMAIN.md §2), while a version added as history (ended) or a unit that takes no
     * level keeps what it is given.
     */
    private static void followed(
            Layer layer, Map<String, Object> values, Feature previous, List<EditProblem> problems) {
        if (readOnly(layer).isEmpty()) {
            return;
        }
        boolean current = previous != null
                || ("xa".equals(values.get("unit_type"))
                        && UnitVersions.closed(layer, new Feature("new", null, values), VietnamCalendar.today())
                                .isEmpty());
        for (String field : readOnly(layer)) {
            Object was = previous == null ? null : previous.properties().get(field);
            if (current
                    && !java.util.Objects.equals(
                            CommuneStanding.number(was), CommuneStanding.number(values.get(field)))) {
                problems.add(new EditProblem(
                        field,
                        field + " follows the commune's newest NTM assessment; record an assessment instead"
                                + (previous == null ? " (a new version starts without one: leave it empty)" : "")));
            }
        }
    }

    private static Object value(PropertySpec p, JsonNode v, List<EditProblem> problems) {
        String expected = switch (p.type()) {
            case STRING, DATE -> v.isString() ? null : "a string";
            case INTEGER -> v.isIntegralNumber() && v.canConvertToLong() ? null : "a whole number";
            case NUMBER -> v.isNumber() && Double.isFinite(v.asDouble()) ? null : "a number";
            case BOOLEAN -> v.isBoolean() ? null : "true or false";
            case STRING_LIST -> v.isArray() && allStrings(v) ? null : "a list of strings";
            case JSON -> null;
        };
        if (expected != null) {
            problems.add(new EditProblem(p.name(), p.name() + " must be " + expected));
            return null;
        }
        Object value;
        try {
            value = switch (p.type()) {
                case STRING -> v.asString();
                case DATE -> PropertyValues.fromJson(p, v.asString());
                case INTEGER -> v.asLong();
                case NUMBER -> v.asDouble();
                case BOOLEAN -> v.asBoolean();
                case STRING_LIST -> {
                    List<String> l = new ArrayList<>();
                    v.forEach(e -> l.add(e.asString()));
                    yield l;
                }
                case JSON -> JSON.treeToValue(v, Object.class);
            };
        } catch (RuntimeException e) {
            problems.add(new EditProblem(
                    p.name(),
                    p.name() + " must be a valid " + p.type().jsonName()
                            + (p.type() == org.ruralatlas.data.catalog.PropertyType.DATE ? " (YYYY-MM-DD)" : "")));
            return null;
        }
        String text = (p.type().isJson() ? v.toString() : String.valueOf(value));
        if (text.length() > MAX_TEXT) {
            problems.add(new EditProblem(p.name(), p.name() + " is longer than " + MAX_TEXT + " characters"));
            return null;
        }
        if (!plainText(text)) {
            problems.add(new EditProblem(p.name(), p.name() + " holds a control character or a broken character"));
            return null;
        }
        if (!p.allowedValues().isEmpty()) {
            List<?> each = value instanceof List<?> l ? l : List.of(value);
            for (Object e : each) {
                if (!p.allowedValues().contains(String.valueOf(e))) {
                    problems.add(new EditProblem(
                            p.name(),
                            "'" + e + "' is not an allowed value of " + p.name() + ": "
                                    + String.join(", ", p.allowedValues())));
                    return null;
                }
            }
        }
        if (value instanceof Number n
                && (p.minimum() != null && n.doubleValue() < p.minimum()
                        || p.maximum() != null && n.doubleValue() > p.maximum())) {
            problems.add(
                    new EditProblem(p.name(), p.name() + " must lie between " + p.minimum() + " and " + p.maximum()));
            return null;
        }
        return value;
    }

    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    private static boolean allStrings(JsonNode array) {
        for (JsonNode e : array) {
            if (!e.isString()) {
                return false;
            }
        }
        return true;
    }

    /** No control character but tab and line breaks, no lone surrogate: the same rule as for query parameters. */
    static boolean plainText(String text) {
        return PlainText.acceptable(text);
    }

    /** The geometry as the layer stores it, or null after noting why not. */
    private static Geometry geometry(Layer layer, Geometry g, String unreadable, List<EditProblem> problems) {
        if (unreadable != null) {
            problems.add(new EditProblem("geometry", unreadable));
            return null;
        }
        if (!layer.hasGeometry()) {
            if (g != null) {
                problems.add(new EditProblem(
                        "geometry", "the records of " + layer.id() + " have no geometry: send \"geometry\": null"));
            }
            return null;
        }
        if (g == null || g.isEmpty()) {
            problems.add(new EditProblem("geometry", "a feature of " + layer.id() + " needs a geometry"));
            return null;
        }
        for (Coordinate c : g.getCoordinates()) {
            if (!(c.x >= -180 && c.x <= 180 && c.y >= -90 && c.y <= 90)) {
                problems.add(new EditProblem(
                        "geometry",
                        "coordinates are longitude, latitude in degrees (CRS84): " + c.x + ", " + c.y + " is not"));
                return null;
            }
        }
        Set<String> allowed = switch (layer.geometryType()) {
            case "Geometry" -> Set.of("Point", "Polygon", "MultiPolygon");
            case "MultiPolygon" -> Set.of("Polygon", "MultiPolygon");
            default -> Set.of(layer.geometryType());
        };
        if (!allowed.contains(g.getGeometryType())) {
            problems.add(new EditProblem(
                    "geometry",
                    "a " + g.getGeometryType() + " is not a geometry of " + layer.id() + ", which takes "
                            + String.join(" or ", new java.util.TreeSet<>(allowed))));
            return null;
        }
        IsValidOp valid = new IsValidOp(g);
        if (!valid.isValid()) {
            problems.add(new EditProblem(
                    "geometry",
                    "the geometry is not valid: " + valid.getValidationError().getMessage() + " near "
                            + valid.getValidationError().getCoordinate()));
            return null;
        }
        Geometry stored = g;
        if (layer.geometryType().equals("MultiPolygon") && g instanceof Polygon p) {
            stored = GeoJsonGeometries.FACTORY.createMultiPolygon(new Polygon[] {p});
        } else if (!(g instanceof MultiPolygon) && g.getSRID() != 4326) {
            stored = GeoJsonGeometries.FACTORY.createGeometry(g);
        }
        stored.setSRID(4326);
        return stored;
    }
}
