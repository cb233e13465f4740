package org.ruralatlas.server;

import org.ruralatlas.data.load.LoadCommand;
import org.ruralatlas.server.tiles.TileCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * RuralAtlas: {@code java -jar ruralatlas.jar} serves the map; {@code java -jar ruralatlas.jar load …}
 * loads data into PostGIS (see {@link LoadCommand}), and {@code seed} / {@code truncate} fill or empty
 * the tile cache (see {@link TileCommand}), without starting the web server; see {@link CommandLine}.
 * An Error in any thread stops the process ({@link FatalErrors}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MapServerApplication {

    public static void main(String[] args) {
        FatalErrors.install();
        int code = CommandLine.run(args, System.out, System.err);
        if (code != CommandLine.SERVE) {
            System.exit(code);
        }
        try {
            SpringApplication.run(MapServerApplication.class, args);
        } catch (RuntimeException e) {
            // StartupFailureReporter has already said why in one line
            System.exit(1);
        }
    }
}
