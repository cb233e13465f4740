package org.ruralatlas.server;

import java.util.Arrays;
import org.ruralatlas.data.load.LoadCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * RuralAtlas: {@code java -jar ruralatlas.jar} serves the map; {@code java -jar ruralatlas.jar load …}
 * loads data into PostGIS (see {@link LoadCommand}) without starting the web server.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MapServerApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("load")) {
            System.exit(LoadCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        try {
            SpringApplication.run(MapServerApplication.class, args);
        } catch (RuntimeException e) {
            // StartupFailureReporter has already said why in one line
            System.exit(1);
        }
    }
}
