package org.ruralatlas.server;

import java.util.Arrays;
import org.ruralatlas.data.load.LoadCommand;
import org.ruralatlas.server.tiles.TileCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * RuralAtlas: {@code java -jar ruralatlas.jar} serves the map; {@code java -jar ruralatlas.jar load …}
 * loads data into PostGIS (see {@link LoadCommand}), and {@code seed} / {@code truncate} fill or empty
 * the tile cache (see {@link TileCommand}), without starting the web server.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MapServerApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("load")) {
            System.exit(LoadCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && (args[0].equals("seed") || args[0].equals("truncate"))) {
            int code;
            try {
                code = TileCommand.run(args[0], Arrays.copyOfRange(args, 1, args.length));
            } catch (RuntimeException e) {
                code = 1;
            }
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
