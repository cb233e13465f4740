package org.ruralatlas.server.tiles;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.ogcapi.QueryParameters;
import org.ruralatlas.server.ogcapi.Urls;
import org.ruralatlas.tiles.TileArea;
import org.ruralatlas.tiles.TileCache;
import org.ruralatlas.tiles.TileCoord;
import org.ruralatlas.tiles.TileSet;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seeding and truncating over HTTP, for the administrator only (the security chain guards
 * {@code /admin/**}): a seed becomes a job ({@link SeedJobs}) and answers 202 with its URL; jobs
 * are listed, polled and cancelled under {@code /admin/tiles/jobs}. A truncate is done at once.
 */
@RestController
public class TileAdminController {

    private final TileCache cache;
    private final TileAreas areas;
    private final SeedJobs jobs;

    public TileAdminController(TileCache cache, TileAreas areas, SeedJobs jobs) {
        this.cache = cache;
        this.areas = areas;
        this.jobs = jobs;
    }

    @QueryParameters({"tileset", "province", "bbox", "zooms"})
    @PostMapping("/admin/tiles/seed")
    public ResponseEntity<Map<String, Object>> seed(@RequestParam Map<String, String> params) {
        TileSet set = set(params.getOrDefault("tileset", TileSet.ALL));
        TileArea area = areas.parse(params, set.minzoom(), Math.min(set.maxzoom(), 14));
        SeedJobs.Job job = jobs.start(set, area, describe(params));
        return ResponseEntity.accepted()
                .location(URI.create(Urls.base() + "/admin/tiles/jobs/" + job.id()))
                .body(job.status());
    }

    @GetMapping("/admin/tiles/jobs")
    public Map<String, Object> list() {
        List<Map<String, Object>> all =
                jobs.list().stream().map(SeedJobs.Job::status).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobs", all);
        return body;
    }

    @GetMapping("/admin/tiles/jobs/{id}")
    public Map<String, Object> job(@PathVariable String id) {
        return jobs.get(id).orElseThrow(() -> notFound(id)).status();
    }

    /** Cancels a queued or running job (it stops handing out tiles at once); an ended job is left as it is. */
    @DeleteMapping("/admin/tiles/jobs/{id}")
    public Map<String, Object> cancel(@PathVariable String id) {
        return jobs.cancel(id).orElseThrow(() -> notFound(id)).status();
    }

    @QueryParameters({"tileset", "province", "bbox", "zooms"})
    @PostMapping("/admin/tiles/truncate")
    public Map<String, Object> truncate(@RequestParam Map<String, String> params) {
        TileSet set = set(params.getOrDefault("tileset", TileSet.ALL));
        TileArea area = areas.parse(params, 0, TileCoord.MAX_ZOOM);
        int dropped = cache.truncate(set, area);
        return Map.of("tileset", set.id(), "area", describe(params), "tilesDropped", dropped);
    }

    private TileSet set(String id) {
        return cache.set(id)
                .orElseThrow(() ->
                        ApiException.badParameter("tileset", "no tile set " + id + "; use all or a collection id"));
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound(
                "no seeding job " + id + " (finished jobs are forgotten after a while); see /admin/tiles/jobs");
    }

    private static String describe(Map<String, String> params) {
        return params.containsKey("province") ? "province " + params.get("province") : "bbox " + params.get("bbox");
    }
}
