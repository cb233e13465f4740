package org.ruralatlas.server.features;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.catalog.PropertySpec;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.feature.Keyset;
import org.ruralatlas.data.feature.SortKey;
import org.ruralatlas.data.store.PropertyValues;
import org.ruralatlas.server.error.ApiException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code cursor} of next links: a page's position ({@link Keyset}: the last feature's sort
 * keys and id) with the layer and the order it belongs to, as base64url JSON followed by an
 * HMAC-SHA256 of it. Opaque to clients and tamper-evident: a cursor that was not made here with
 * this key, for this layer and this {@code sortby}, is refused with a 400 naming {@code cursor},
 * so the position a store seeks to is always one of its own rows' values, of the right types.
 */
@Component
public class PageCursors {

    public static final String PARAMETER = "cursor";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAC_BYTES = 16;
    private static final int MAX_LENGTH = 4096;

    private final SecretKeySpec key;

    public PageCursors(PagingProperties properties) {
        byte[] secret;
        if (properties.cursorKey() == null || properties.cursorKey().isEmpty()) {
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
        } else {
            secret = properties.cursorKey().getBytes(StandardCharsets.UTF_8);
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The cursor of the page after {@code position} in {@code q}'s order. */
    public String encode(FeatureQuery q, Keyset position) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("l", q.layer().id());
        doc.put("s", order(q.sortBy()));
        ArrayNode values = doc.putArray("k");
        for (Object v : position.values()) {
            if (v == null) {
                values.addNull();
            } else if (v instanceof Long n) {
                values.add(n);
            } else if (v instanceof Double d) {
                values.add(d);
            } else if (v instanceof Boolean b) {
                values.add(b);
            } else {
                values.add(v.toString());
            }
        }
        byte[] payload = JSON.writeValueAsBytes(doc);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(payload) + "." + b64.encodeToString(mac(payload));
    }

    /** The position {@code text} holds, checked against its signature, {@code layer} and {@code sortBy}. */
    public Keyset decode(Layer layer, List<SortKey> sortBy, String text) {
        int dot = text.indexOf('.');
        if (text.length() > MAX_LENGTH || dot < 0) {
            throw invalid("is not a cursor of this server");
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = Base64.getUrlDecoder().decode(text.substring(0, dot));
            signature = Base64.getUrlDecoder().decode(text.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw invalid("is not a cursor of this server");
        }
        if (!MessageDigest.isEqual(signature, mac(payload))) {
            throw invalid(
                    "was altered, or made by another server or before a restart; start again from the first page");
        }
        JsonNode doc;
        try {
            doc = JSON.readTree(payload);
        } catch (JacksonException e) {
            throw invalid("is not a cursor of this server");
        }
        if (!layer.id().equals(doc.path("l").asString(null))
                || !order(sortBy).equals(doc.path("s").asString(null))) {
            throw invalid("belongs to another collection or sortby; follow the next link as given");
        }
        JsonNode k = doc.path("k");
        if (!k.isArray() || k.size() != sortBy.size() + 1) {
            throw invalid("is not a cursor of this server");
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < k.size(); i++) {
            String name = i < sortBy.size() ? sortBy.get(i).property() : layer.idProperty();
            PropertySpec p = layer.property(name).orElseThrow();
            JsonNode v = k.get(i);
            try {
                values.add(
                        v.isNull()
                                ? null
                                : PropertyValues.fromJson(
                                        p,
                                        v.isNumber()
                                                ? v.numberValue()
                                                : v.isBoolean() ? (Object) v.booleanValue() : v.asString()));
            } catch (RuntimeException e) {
                throw invalid("is not a cursor of this server");
            }
        }
        try {
            return new Keyset(values);
        } catch (IllegalArgumentException e) {
            throw invalid("is not a cursor of this server");
        }
    }

    private static String order(List<SortKey> sortBy) {
        return String.join(
                ",",
                sortBy.stream()
                        .map(k -> (k.descending() ? "-" : "") + k.property())
                        .toList());
    }

    private byte[] mac(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return java.util.Arrays.copyOf(mac.doFinal(payload), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static ApiException invalid(String why) {
        return ApiException.badParameter(PARAMETER, "cursor " + why);
    }
}
