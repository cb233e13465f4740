package org.ruralatlas.data.ntm;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ruralatlas.data.feature.Feature;

/**
 * What a traceability code resolved to (see {@link NtmRecords#resolve}): a growing area by its
 * code, a zone or farm by its id, or an OCOP product, whose record is the farm that makes it.
 *
 * @param layer zones or farms: where {@code feature} lives
 * @param product the OCOP product; null unless {@code kind} is {@link Kind#OCOP_PRODUCT}
 */
public record Traced(String code, Kind kind, Feature feature, String layer, OcopProduct product) {

    /** Codes longer than this resolve to nothing without a look-up. */
    static final int MAX_LENGTH = 80;

    /** An OCOP product's id: OCOP-, the producing farm's number (farm-NNNNN), -, the product's number. */
    private static final Pattern OCOP = Pattern.compile("OCOP-(\\d{5})-\\d+");

    /** The look-ups a resolution needs, so that it can be checked without a store. */
    interface Lookup {
        /** The zones whose growing_area_code is {@code code}. */
        List<Feature> growingAreas(String code);

        /** The record of {@code layer} with this id. */
        Optional<Feature> get(String layer, String id);
    }

    /**
     * What {@code code} names, tried in this order: a growing-area code, a zone id, a farm id, an
     * OCOP product id (on its producer's list of products); empty when none.
     */
    static Optional<Traced> resolve(String code, Lookup lookup) {
        if (code.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        List<Feature> zones = lookup.growingAreas(code);
        if (!zones.isEmpty()) {
            return Optional.of(new Traced(code, Kind.GROWING_AREA, zones.get(0), NtmRecords.ZONES, null));
        }
        Optional<Feature> zone = lookup.get(NtmRecords.ZONES, code);
        if (zone.isPresent()) {
            return Optional.of(new Traced(code, Kind.ZONE, zone.get(), NtmRecords.ZONES, null));
        }
        Optional<Feature> farm = lookup.get(NtmRecords.FARMS, code);
        if (farm.isPresent()) {
            return Optional.of(new Traced(code, Kind.FARM, farm.get(), NtmRecords.FARMS, null));
        }
        Matcher ocop = OCOP.matcher(code);
        return ocop.matches() ? product(code, lookup.get(NtmRecords.FARMS, "farm-" + ocop.group(1))) : Optional.empty();
    }

    private static Optional<Traced> product(String code, Optional<Feature> producer) {
        if (producer.isEmpty() || !(producer.get().properties().get("ocop_products") instanceof List<?> products)) {
            return Optional.empty();
        }
        return products.stream()
                .filter(o -> o instanceof java.util.Map<?, ?> m && code.equals(m.get("id")))
                .findFirst()
                .map(o -> new Traced(
                        code, Kind.OCOP_PRODUCT, producer.get(), NtmRecords.FARMS, OcopProduct.of((java.util.Map<?, ?>)
                                o)));
    }

    /** What kind of code it is. */
    public enum Kind {
        GROWING_AREA,
        ZONE,
        FARM,
        OCOP_PRODUCT;

        /** As answers name it: growing_area, zone, farm, ocop_product. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A growing area or zone (its code can be suspended, revoked or expired); otherwise a farm or its product. */
    public boolean zone() {
        return layer.equals(NtmRecords.ZONES);
    }

    /** The code's status: a zone's as recorded, a farm's (and its products') always active. */
    public String status() {
        return zone() ? Objects.toString(feature.properties().get("status"), null) : "active";
    }
}
