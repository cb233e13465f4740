package org.ruralatlas.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Servers the integration tests start themselves: on a free port, with their caches in the test's folder. */
final class Servers {

    private Servers() {}

    /** The application on a free port, its tile and download caches under {@code dir}, with {@code args} besides. */
    static ConfigurableApplicationContext start(Path dir, String... args) {
        List<String> all = new ArrayList<>(List.of(
                "--server.port=0",
                "--ruralatlas.tiles.cache-dir=" + dir.resolve("tiles"),
                "--ruralatlas.downloads.cache-dir=" + dir.resolve("downloads")));
        all.addAll(Arrays.asList(args));
        return new SpringApplicationBuilder(MapServerApplication.class).run(all.toArray(String[]::new));
    }

    /** Where a started server answers: http://127.0.0.1:port. */
    static String base(ConfigurableApplicationContext server) {
        return "http://127.0.0.1:"
                + ((WebServerApplicationContext) server).getWebServer().getPort();
    }

    /** Closes, in order, those of {@code things} that were started (a failed start leaves nulls). */
    static void close(AutoCloseable... things) throws Exception {
        for (AutoCloseable thing : things) {
            if (thing != null) {
                thing.close();
            }
        }
    }
}
