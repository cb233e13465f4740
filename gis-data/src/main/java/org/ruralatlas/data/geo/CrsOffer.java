package org.ruralatlas.data.geo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The coordinate reference systems a deployment offers for {@code crs}, {@code bbox-crs} and
 * {@code filter-crs}, as listed in collection metadata: always the global ones (CRS84, EPSG:4326,
 * Web Mercator, VN-2000 UTM 48N/49N) and the VN-2000 TM-3 zones chosen. A province's server may
 * offer its own zone only; OGC API – Features Part 2 accepts a CRS only where it is listed, so one
 * list answers both questions.
 */
public record CrsOffer(List<Crs> crs) {

    /** Every CRS the server knows: the default. */
    public static final CrsOffer ALL = new CrsOffer(List.of(Crs.values()));

    public CrsOffer {
        crs = List.copyOf(crs);
    }

    /**
     * The global CRSs and the TM-3 zones named in {@code zones}: {@code all}, {@code none}, or EPSG
     * codes ({@code 9214}, {@code EPSG:9214}). An unknown code or one that is not a TM-3 zone is an
     * {@link IllegalArgumentException} naming it and listing the zones.
     */
    public static CrsOffer withZones(List<String> zones) {
        List<Crs> offered = new ArrayList<>(
                Arrays.stream(Crs.values()).filter(c -> !c.provincialZone()).toList());
        List<String> names = zones == null || zones.isEmpty()
                ? List.of("all")
                : zones.stream().map(String::trim).toList();
        if (names.equals(List.of("all"))) {
            offered.addAll(zones());
        } else if (!names.equals(List.of("none"))) {
            for (String name : names) {
                String code = name.replaceFirst("(?i)^EPSG:", "");
                Crs zone = zones().stream()
                        .filter(z -> z.uri().endsWith("/" + code))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("'" + name
                                + "' is not a VN-2000 TM-3 zone; use all, none or some of "
                                + zones().stream()
                                        .map(z -> "EPSG:"
                                                + z.uri().substring(z.uri().lastIndexOf('/') + 1))
                                        .toList()));
                if (!offered.contains(zone)) {
                    offered.add(zone);
                }
            }
        }
        return new CrsOffer(offered);
    }

    private static List<Crs> zones() {
        return Arrays.stream(Crs.values()).filter(Crs::provincialZone).toList();
    }

    public List<String> uris() {
        return crs.stream().map(Crs::uri).toList();
    }

    /** The offered CRS named by {@code name} (an OGC URI or a safe CURIE), if offered. */
    public Optional<Crs> byName(String name) {
        return Crs.byName(name).filter(crs::contains);
    }
}
