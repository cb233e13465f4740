package org.ruralatlas.server;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import org.ruralatlas.data.load.LoadCommand;

/**
 * What {@code java -jar ruralatlas.jar} does with its arguments: with none, or only settings
 * ({@code --server.port=9000}, {@code --ruralatlas.db.url=…}), it serves the map; {@code load},
 * {@code seed} and {@code truncate} run their command; {@code help} and {@code --help} print the
 * usage. Anything else, a mistyped command above all ({@code lod}), prints the usage and exits 2
 * rather than quietly starting a server on the sample.
 */
public final class CommandLine {

    /** {@link #run}'s answer when the arguments ask for the server. */
    public static final int SERVE = -1;

    static final String USAGE = """
            usage: java -jar ruralatlas.jar [--SETTING=VALUE ...]
                     serve the map on http://localhost:8080/ (the bundled sample when no database is set), e.g.
                     --server.port=9000, --ruralatlas.db.url=jdbc:postgresql://HOST:PORT/DB --ruralatlas.db.user=U
                     --ruralatlas.db.password=P, --ruralatlas.geopackage.path=FILE; every setting is in README.md,
                     and each can be an environment variable (RURALATLAS_DB_URL, ...)
                   java -jar ruralatlas.jar load --db-url=jdbc:postgresql://HOST:PORT/DB [FILE] ...
                     create or upgrade the schema in PostGIS and load the sample or FILE (load --help)
                   java -jar ruralatlas.jar seed|truncate --province=NAME|--bbox=W,S,E,N [--zooms=6-14]
                     [--tileset=all|LAYER] [--SETTING=VALUE ...]
                     fill or empty the tile cache of a server with the same settings (seed --help)
                   java -jar ruralatlas.jar account add --admin NAME|--editor NAME --provinces 24,26 [--SETTING=VALUE ...]
                     add an account to the store of a server with the same settings; prints its API token once
                   java -jar ruralatlas.jar account password NAME [--SETTING=VALUE ...]
                     a new password for signing in to the viewer; printed once
                   java -jar ruralatlas.jar import --collection ID FILE [--dry-run] [--crs EPSG:CODE] [--mapping C:P,...]
                     import a GeoJSON, CSV, GeoPackage or zipped shapefile, all or nothing (import --help)
                   java -jar ruralatlas.jar help
                     this text""";

    private static final List<String> COMMANDS = List.of("load", "seed", "truncate", "account", "import", "help");

    private CommandLine() {}

    /** Runs a command and returns its exit code, or {@link #SERVE} when the arguments ask for the server. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            return SERVE;
        }
        String first = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (first) {
            case "load":
                return LoadCommand.run(rest);
            case "seed", "truncate":
                try {
                    return TileCommand.run(first, rest);
                } catch (RuntimeException e) {
                    return 1; // the server's settings could not start it: StartupFailureReporter said why
                }
            case "account":
                try {
                    return AccountCommand.run(rest, out, err);
                } catch (RuntimeException e) {
                    return 1; // the server's settings could not start it: StartupFailureReporter said why
                }
            case "import":
                try {
                    return ImportCommand.run(rest, out, err);
                } catch (RuntimeException e) {
                    return 1; // the server's settings could not start it: StartupFailureReporter said why
                }
            case "help", "--help", "-h":
                out.println(USAGE);
                return 0;
            default:
                break;
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                out.println(USAGE);
                return 0;
            }
            if (!a.startsWith("--") || a.length() == 2) {
                err.println("ruralatlas: "
                        + (i == 0
                                ? "unknown command '" + a + "'" + suggestion(a)
                                : "unexpected argument '" + a + "' (settings are written --name=value)"));
                err.println(USAGE);
                return 2;
            }
        }
        return SERVE;
    }

    /** "; did you mean 'load'?" for a command one or two letters away from a real one, else nothing. */
    private static String suggestion(String typed) {
        return COMMANDS.stream()
                .filter(c -> distance(c, typed.toLowerCase(java.util.Locale.ROOT)) <= 2)
                .findFirst()
                .map(c -> "; did you mean '" + c + "'?")
                .orElse("");
    }

    /** Levenshtein distance, with a swap of two neighbouring letters counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
