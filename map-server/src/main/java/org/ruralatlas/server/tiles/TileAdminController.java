package org.ruralatlas.server.tiles;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.ogcapi.Urls;
import org.ruralatlas.tiles.TileArea;
import org.ruralatlas.tiles.TileCache;
import org.ruralatlas.tiles.TileSeeder;
import org.ruralatlas.tiles.TileSet;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seeding and truncating over HTTP, behind {@link org.ruralatlas.server.admin.AdminGuard}: a seed
 * runs in the background and answers 202 with a job to poll for its progress; a truncate is
 * done at once.
 */
@RestController
public class TileAdminController {

    /** A seeding job's state, as its status page shows it. */
    record Job(String id, String tileset, String area, Instant started, AtomicReference<TileSeeder.Progress> progress,
            AtomicReference<String> error) {}

    private final TileCache cache;
    private final TileAreas areas;
    private final TileProperties props;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    public TileAdminController(TileCache cache, TileAreas areas, TileProperties props) {
        this.cache = cache;
        this.areas = areas;
        this.props = props;
    }

    @PostMapping("/admin/tiles/seed")
    public ResponseEntity<Map<String, Object>> seed(@RequestParam Map<String, String> params) {
        TileSet set = set(params.getOrDefault("tileset", TileSet.ALL));
        TileArea area = areas.parse(params, set.minzoom(), Math.min(set.maxzoom(), 14));
        String id = Long.toString(ids.incrementAndGet());
        Job job = new Job(id, set.id(), describe(params), Instant.now(), new AtomicReference<>(), new AtomicReference<>());
        jobs.put(id, job);
        Thread worker = new Thread(() -> {
            try {
                new TileSeeder(cache, props.producerThreads()).seed(set, area, job.progress()::set);
            } catch (RuntimeException e) {
                job.error().set(e.getMessage());
            }
        }, "tile-seed-" + id);
        worker.setDaemon(true);
        worker.start();
        return ResponseEntity.accepted().location(URI.create(Urls.base() + "/admin/tiles/jobs/" + id)).body(status(job));
    }

    @GetMapping("/admin/tiles/jobs/{id}")
    public Map<String, Object> job(@PathVariable String id) {
        Job job = jobs.get(id);
        if (job == null) {
            throw ApiException.notFound("no seeding job " + id);
        }
        return status(job);
    }

    @PostMapping("/admin/tiles/truncate")
    public Map<String, Object> truncate(@RequestParam Map<String, String> params) {
        TileSet set = set(params.getOrDefault("tileset", TileSet.ALL));
        TileArea area = areas.parse(params, 0, org.ruralatlas.tiles.TileCoord.MAX_ZOOM);
        int dropped = cache.truncate(set, area);
        return Map.of("tileset", set.id(), "area", describe(params), "tilesDropped", dropped);
    }

    private TileSet set(String id) {
        return cache.set(id).orElseThrow(() -> ApiException.badParameter("tileset", "no tile set " + id
                + "; use all or a collection id"));
    }

    private static String describe(Map<String, String> params) {
        return (params.containsKey("province") ? "province " + params.get("province") : "bbox " + params.get("bbox"))
                + ", zooms " + params.getOrDefault("zooms", "default");
    }

    private static Map<String, Object> status(Job job) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", job.id());
        s.put("tileset", job.tileset());
        s.put("area", job.area());
        s.put("started", job.started().toString());
        TileSeeder.Progress p = job.progress().get();
        s.put("state", job.error().get() != null ? "failed" : p != null && p.finished() ? "finished" : "running");
        if (p != null) {
            s.put("tilesDone", p.done());
            s.put("tilesAtMost", p.upperBound());
            s.put("tilesProduced", p.produced());
            s.put("tilesPerSecond", Math.round(p.perSecond() * 10) / 10.0);
        }
        if (job.error().get() != null) {
            s.put("error", job.error().get());
        }
        return s;
    }
}
