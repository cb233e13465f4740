package org.ruralatlas.data.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.locationtech.jts.geom.Geometry;
import org.ruralatlas.data.catalog.Layer;
import org.ruralatlas.data.feature.Feature;
import org.ruralatlas.data.feature.FeatureCursor;
import org.ruralatlas.data.feature.FeatureQuery;
import org.ruralatlas.data.feature.TimeInterval;
import org.ruralatlas.data.feature.VietnamCalendar;
import org.ruralatlas.data.geo.Bbox;
import org.ruralatlas.data.store.FeatureStore;

/**
 * Where a geometry lies among today's provinces (the {@code provinces} layer, 2025 codes): the
 * codes of those it meets, and whether together they cover it, which is what "inside Vietnam"
 * means here (the provinces' boundaries include the coastal waters and islands they govern as the
 * boundary data draws them).
 */
public final class Provinces {

    /** Where a geometry lies: the provinces it meets, and whether they cover it whole. */
    public record Placement(Set<String> codes, boolean insideVietnam) {}

    private final FeatureStore store;
    private final Layer provinces;
    /** Today's provinces in memory (codes and prepared geometries), or null to ask the store each time. */
    private final org.locationtech.jts.index.strtree.STRtree index;

    public Provinces(FeatureStore store, Layer provinces) {
        this(store, provinces, null);
    }

    private Provinces(FeatureStore store, Layer provinces, org.locationtech.jts.index.strtree.STRtree index) {
        this.store = store;
        this.provinces = provinces;
        this.index = index;
    }

    /** A province with its geometry prepared for many tests. */
    private record Indexed(String code, org.locationtech.jts.geom.prep.PreparedGeometry geometry) {}

    /**
     * The same answers from today's provinces read once into an R-tree of prepared geometries:
     * what an import placing a million rows needs (one store query per row would be the import's
     * whole time). A snapshot: a province boundary edited meanwhile is seen by the next one.
     */
    public Provinces indexed() {
        org.locationtech.jts.index.strtree.STRtree tree = new org.locationtech.jts.index.strtree.STRtree();
        FeatureQuery q = FeatureQuery.all(provinces);
        if (provinces.temporal() != null) {
            q = q.withTime(TimeInterval.at(VietnamCalendar.today()));
        }
        try (FeatureCursor c = store.query(q)) {
            while (c.hasNext()) {
                Feature p = c.next();
                if (p.geometry() != null && !p.geometry().isEmpty()) {
                    tree.insert(
                            p.geometry().getEnvelopeInternal(),
                            new Indexed(
                                    String.valueOf(p.properties().get("code")),
                                    org.locationtech.jts.geom.prep.PreparedGeometryFactory.prepare(p.geometry())));
                }
            }
        }
        tree.build();
        return new Provinces(store, provinces, tree);
    }

    /**
     * The provinces a feature belongs to, for deciding who may write it: its {@code province_code}
     * and those its geometry meets. An editor must hold every one of them.
     */
    public Set<String> of(Feature f) {
        Set<String> codes = new TreeSet<>();
        Object code = f.properties().get("province_code");
        if (code != null) {
            codes.add(code.toString());
        }
        if (f.geometry() != null && !f.geometry().isEmpty()) {
            codes.addAll(place(f.geometry()).codes());
        }
        return codes;
    }

    public Placement place(Geometry g) {
        if (index != null) {
            return placeIndexed(g);
        }
        Set<String> codes = new TreeSet<>();
        List<Geometry> meeting = new ArrayList<>();
        // widened by a centimetre: PostGIS's ST_Intersects finds nothing with the zero-area box of a point
        // (ST_MakeEnvelope of equal corners); the exact test below is on the geometry itself
        org.locationtech.jts.geom.Envelope box = new org.locationtech.jts.geom.Envelope(g.getEnvelopeInternal());
        box.expandBy(1e-7);
        FeatureQuery q = FeatureQuery.all(provinces).withBbox(Bbox.clamped(box));
        if (provinces.temporal() != null) {
            q = q.withTime(TimeInterval.at(VietnamCalendar.today()));
        }
        try (FeatureCursor c = store.query(q)) {
            while (c.hasNext()) {
                Feature p = c.next();
                if (p.geometry() != null && p.geometry().intersects(g)) {
                    codes.add(String.valueOf(p.properties().get("code")));
                    meeting.add(p.geometry());
                }
            }
        }
        boolean inside;
        if (meeting.isEmpty()) {
            inside = false;
        } else if (meeting.size() == 1) {
            inside = meeting.get(0).covers(g);
        } else {
            inside = g.getFactory().buildGeometry(meeting).union().covers(g);
        }
        return new Placement(codes, inside);
    }

    private Placement placeIndexed(Geometry g) {
        Set<String> codes = new TreeSet<>();
        List<Indexed> meeting = new ArrayList<>();
        for (Object o : index.query(g.getEnvelopeInternal())) {
            Indexed p = (Indexed) o;
            if (p.geometry().intersects(g)) {
                codes.add(p.code());
                meeting.add(p);
            }
        }
        boolean inside;
        if (meeting.isEmpty()) {
            inside = false;
        } else if (meeting.size() == 1) {
            inside = meeting.get(0).geometry().covers(g);
        } else {
            inside = g.getFactory()
                    .buildGeometry(meeting.stream()
                            .map(p -> p.geometry().getGeometry())
                            .toList())
                    .union()
                    .covers(g);
        }
        return new Placement(codes, inside);
    }
}
