package org.ruralatlas.server;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ruralatlas.server.error.ApiException;
import org.ruralatlas.server.tiles.TileAreas;
import org.ruralatlas.tiles.TileArea;
import org.ruralatlas.tiles.TileCache;
import org.ruralatlas.tiles.TileSeeder;
import org.ruralatlas.tiles.TileSet;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar ruralatlas.jar seed|truncate --province=NAME|--bbox=W,S,E,N [--zooms=6-14]
 * [--tileset=all|LAYER]} with the server's own settings ({@code --ruralatlas.db.url=…},
 * {@code --ruralatlas.tiles.cache-dir=…}): fills or empties the disk cache that a server with
 * the same settings reads, with a progress line on the terminal. No web server is started.
 */
public final class TileCommand {

    private TileCommand() {}

    static final String USAGE = """
            usage: java -jar ruralatlas.jar seed|truncate --province=NAME|--bbox=W,S,E,N [--zooms=Z1-Z2] [--tileset=all|LAYER]
                     [--SETTING=VALUE ...]
              --province   a current province by name (diacritics optional) or code
              --bbox       minlon,minlat,maxlon,maxlat
              --zooms      seed: 6-14 by default; truncate: 0-20
              --tileset    all (default) or one layer
              SETTING      the server's own settings (--ruralatlas.db.url=..., --ruralatlas.tiles.cache-dir=...),
                           so that the cache filled or emptied is the one that server reads""";

    private static final java.util.List<String> OPTIONS = java.util.List.of("province", "bbox", "zooms", "tileset");

    /** Runs the command; the exit code (0 done, 1 the server's settings failed, 2 bad usage). */
    public static int run(String command, String[] args) {
        PrintStream err = System.err;
        Map<String, String> params = new LinkedHashMap<>();
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h") || a.equals("help")) {
                System.out.println(USAGE);
                return 0;
            }
            String name = a.startsWith("--") ? a.substring(2).split("=", 2)[0] : "";
            if (OPTIONS.contains(name) && a.contains("=")) {
                params.put(name, a.substring(name.length() + 3));
            } else if (!name.contains(".")) {
                // not one of ours and not a server setting (those all have a dot: ruralatlas.db.url)
                err.println(command + ": unknown " + (a.startsWith("--") ? "option " : "argument ") + a);
                err.println(USAGE);
                return 2;
            }
        }
        SpringApplication app = new SpringApplication(MapServerApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setLogStartupInfo(false);
        try (ConfigurableApplicationContext ctx = app.run(args)) {
            TileCache cache = ctx.getBean(TileCache.class);
            TileAreas areas = ctx.getBean(TileAreas.class);
            String setId = params.getOrDefault("tileset", TileSet.ALL);
            TileSet set =
                    cache.set(setId).orElseThrow(() -> ApiException.badParameter("tileset", "no tile set " + setId));
            if (command.equals("truncate")) {
                TileArea area = areas.parse(params, 0, org.ruralatlas.tiles.TileCoord.MAX_ZOOM);
                err.println("truncate: dropped " + cache.truncate(set, area) + " tiles of " + set.id());
                return 0;
            }
            TileArea area = areas.parse(params, set.minzoom(), Math.min(14, set.maxzoom()));
            err.printf(
                    "seed: %s, zooms %d-%d, up to %d tiles, into %s%n",
                    set.id(),
                    area.minZoom(),
                    area.maxZoom(),
                    area.upperBound(),
                    cache.diskDir().map(Object::toString).orElse("(no disk cache)"));
            TileSeeder.Progress last = new TileSeeder(
                            cache, Runtime.getRuntime().availableProcessors())
                    .seed(set, area, p -> err.print("\r" + bar(p)));
            err.println("\r" + bar(last));
            return 0;
        } catch (ApiException e) {
            err.println(command + ": " + (e.parameter() != null ? e.parameter() + ": " : "") + e.getMessage());
            return 2;
        }
    }

    static String bar(TileSeeder.Progress p) {
        // the upper bound counts the area's whole box; a province's shape skips some of it
        long total = p.finished() ? p.done() : p.upperBound();
        double share = total == 0 ? 1 : Math.min(1, (double) p.done() / total);
        int filled = (int) Math.round(share * 30);
        long eta = p.perSecond() > 0 ? Math.round((p.upperBound() - p.done()) / p.perSecond()) : -1;
        return String.format(
                "[%s%s] %3.0f%% %d/%d tiles, %.0f tiles/s, %d produced%s   ",
                "#".repeat(filled),
                ".".repeat(30 - filled),
                share * 100,
                p.done(),
                total,
                p.perSecond(),
                p.produced(),
                p.finished() ? ", done" : eta >= 0 ? ", about " + eta + " s left" : "");
    }
}
