package org.ruralatlas.server;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.ruralatlas.data.account.Account;
import org.ruralatlas.data.account.AccountStore;
import org.ruralatlas.data.account.IssuedToken;
import org.ruralatlas.data.account.Role;
import org.ruralatlas.server.config.DatabaseProperties;
import org.ruralatlas.server.config.GeoPackageProperties;
import org.ruralatlas.server.security.AccountProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar ruralatlas.jar account add --admin|--reviewer|--editor NAME [--provinces 24,26]}
 * with the server's own settings: adds an account to the store that server uses and prints its
 * first API token, once. This is how the first administrator comes to be: there is no default
 * account or password. {@code account password NAME} gives an account a new password for signing in
 * to the viewer, printed once. No web server is started.
 */
public final class AccountCommand {

    private AccountCommand() {}

    static final String USAGE = """
            usage: java -jar ruralatlas.jar account add --admin NAME|--reviewer NAME|--editor NAME --provinces 24,26
                     [--SETTING=VALUE ...]
              --admin, --reviewer, --editor   the new account's role and name (letters, digits, '.', '_', '-')
              --provinces  an editor's or reviewer's 2025 province codes, comma-separated
              SETTING      the server's own settings (--ruralatlas.db.url=..., --ruralatlas.geopackage.path=...),
                           so that the account is kept where that server reads it
            prints the account's first API token, once: send it as Authorization: Bearer TOKEN
           java -jar ruralatlas.jar account password NAME [--SETTING=VALUE ...]
            gives the account a new password for signing in to the viewer and prints it, once""";

    /** Runs the command; the exit code (0 done, 1 not done, 2 bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("password")) {
            return password(Arrays.asList(args).subList(1, args.length), out, err);
        }
        if (args.length == 0 || !args[0].equals("add")) {
            if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help"))) {
                out.println(USAGE);
                return 0;
            }
            return usage(err, args.length == 0 ? "what to do? (add)" : "unknown action '" + args[0] + "'");
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        if (rest.contains("--help") || rest.contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        Request request;
        try {
            request = Request.parse(rest);
        } catch (BadUsage e) {
            return e.withUsage ? usage(err, e.getMessage()) : fail(err, e.getMessage(), 2);
        }
        return add(request, out, err);
    }

    /** What {@code account add} was asked: the new account and the server settings that say where it is kept. */
    private record Request(Account account, String[] settings) {

        static Request parse(List<String> rest) throws BadUsage {
            Role role = null;
            String name = null;
            String provinces = "";
            for (int i = 0; i < rest.size(); i++) {
                String a = rest.get(i);
                String option = a.startsWith("--") ? a.substring(2).split("=", 2)[0] : "";
                if (Role.of(option).isPresent() || option.equals("provinces")) {
                    String value = a.contains("=")
                            ? a.substring(a.indexOf('=') + 1)
                            : i + 1 < rest.size() ? rest.get(++i) : null;
                    if (value == null || value.isEmpty() || value.startsWith("--")) {
                        throw new BadUsage("--" + option + " needs a value", true);
                    }
                    if (option.equals("provinces")) {
                        provinces = value;
                    } else if (role != null) {
                        throw new BadUsage("give one of --admin, --reviewer, --editor", false);
                    } else {
                        role = Role.of(option).get();
                        name = value;
                    }
                } else if (!option.contains(".") || !a.contains("=")) {
                    // not one of ours and not a server setting (those all have a dot: ruralatlas.db.url)
                    throw new BadUsage("unknown " + (a.startsWith("--") ? "option " : "argument ") + a, true);
                }
            }
            if (role == null) {
                throw new BadUsage(
                        "give the new account's role and name: --admin NAME, --reviewer NAME or --editor NAME", true);
            }
            try {
                Account account = new Account(
                        name,
                        role,
                        provinces.isEmpty() ? List.of() : Arrays.asList(provinces.split(",", -1)),
                        Instant.now(),
                        false);
                String[] settings = rest.stream()
                        .filter(a -> a.startsWith("--")
                                && a.substring(2).split("=", 2)[0].contains("."))
                        .toArray(String[]::new);
                return new Request(account, settings);
            } catch (IllegalArgumentException e) {
                throw new BadUsage(e.getMessage(), false);
            }
        }
    }

    /** A mistake in the command line, said in one line (and with the usage where it helps). */
    private static final class BadUsage extends Exception {
        final boolean withUsage;

        BadUsage(String message, boolean withUsage) {
            super(message);
            this.withUsage = withUsage;
        }
    }

    private static int usage(PrintStream err, String message) {
        err.println("account: " + message);
        err.println(USAGE);
        return 2;
    }

    private static int fail(PrintStream err, String message, int code) {
        err.println("account: " + message);
        return code;
    }

    /** {@code account password NAME [--SETTING=VALUE ...]}: a new sign-in password, printed once. */
    private static int password(List<String> rest, PrintStream out, PrintStream err) {
        List<String> names = rest.stream().filter(a -> !a.startsWith("--")).toList();
        List<String> unknown = rest.stream()
                .filter(a -> a.startsWith("--")
                        && !(a.contains("=") && a.substring(2).split("=", 2)[0].contains(".")))
                .toList();
        if (names.size() != 1 || !unknown.isEmpty()) {
            return usage(err, unknown.isEmpty() ? "give one account name" : "unknown option " + unknown.get(0));
        }
        String[] settings = rest.stream().filter(a -> a.startsWith("--")).toArray(String[]::new);
        try (ConfigurableApplicationContext ctx = context(settings)) {
            if (!kept(ctx, err)) {
                return 2;
            }
            var password =
                    ctx.getBean(org.ruralatlas.server.security.Passwords.class).reset(names.get(0));
            if (password.isEmpty()) {
                return fail(err, "no account " + names.get(0), 1);
            }
            err.println("account " + names.get(0) + ": its new password for signing in to the viewer, shown once:");
            out.println(password.get());
            return 0;
        }
    }

    private static ConfigurableApplicationContext context(String[] settings) {
        SpringApplication app = new SpringApplication(MapServerApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        app.setLogStartupInfo(false);
        return app.run(settings);
    }

    /** Whether the settings name a store that outlives this run (else says so). */
    private static boolean kept(ConfigurableApplicationContext ctx, PrintStream err) {
        if (!ctx.getBean(DatabaseProperties.class).configured()
                && ctx.getBean(GeoPackageProperties.class).path() == null) {
            fail(
                    err,
                    "accounts are kept in the store a server uses; without --ruralatlas.db.url=... or "
                            + "--ruralatlas.geopackage.path=... that is this run's temporary copy of the sample, gone when it ends",
                    2);
            return false;
        }
        return true;
    }

    private static int add(Request request, PrintStream out, PrintStream err) {
        Account account = request.account();
        try (ConfigurableApplicationContext ctx = context(request.settings())) {
            if (!kept(ctx, err)) {
                return 2;
            }
            AccountStore accounts = ctx.getBean(AccountStore.class);
            if (!accounts.add(account)) {
                return fail(err, "an account " + account.name() + " exists already", 1);
            }
            IssuedToken token = accounts.issue(
                    account.name(),
                    "first token",
                    Instant.now().plus(ctx.getBean(AccountProperties.class).tokenLifetime()));
            err.println("account " + account.name() + " added ("
                    + account.role().id()
                    + (account.provinces().isEmpty() ? "" : ", provinces " + String.join(", ", account.provinces()))
                    + "); its API token, valid until "
                    + token.token().expires() + ", is shown once:");
            out.println(token.secret());
            return 0;
        }
    }
}
