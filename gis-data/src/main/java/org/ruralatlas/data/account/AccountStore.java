package org.ruralatlas.data.account;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.ruralatlas.data.io.Sha256;
import org.ruralatlas.data.store.FeatureStoreException;
import org.ruralatlas.data.store.postgis.ReadRoute;
import org.sqlite.SQLiteDataSource;

/**
 * Accounts and their API tokens: {@code ruralatlas.accounts} and {@code ruralatlas.api_tokens} in
 * PostGIS (migration V10), or tables of the same shape in a SQLite file beside the embedded
 * GeoPackage, as the survey responses are kept. A token is 32 random bytes; the store keeps only
 * its SHA-256 digest (a token has the entropy a password lacks, so a fast digest is enough and
 * lets a request find its token by an index), so a copy of the database lets nobody in.
 * There is no default account: the first administrator comes from the command line.
 */
public final class AccountStore implements AutoCloseable {

    /** Every secret starts so: a leaked one is easy to find in logs and repositories. */
    public static final String PREFIX = "ra_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;
    /** For {@link #authenticateOnStandby}: the standbys while one serves, else {@code dataSource}. */
    private final ReadRoute reads;

    private final boolean postgis;
    private final String accounts;
    private final String tokens;

    private AccountStore(ReadRoute reads, boolean postgis) {
        this.dataSource = reads.primary();
        this.reads = reads;
        this.postgis = postgis;
        this.accounts = postgis ? "ruralatlas.accounts" : "accounts";
        this.tokens = postgis ? "ruralatlas.api_tokens" : "api_tokens";
    }

    /** The PostGIS tables of the RuralAtlas schema (migrated by Flyway). */
    public static AccountStore postgis(DataSource dataSource) {
        return postgis(ReadRoute.primaryOnly(dataSource));
    }

    /** The same, with {@link #authenticateOnStandby} reading on the standbys of {@code reads} (writes on its primary). */
    public static AccountStore postgis(ReadRoute reads) {
        return new AccountStore(reads, true);
    }

    /** A SQLite file, created with its tables when missing. */
    public static AccountStore sqlite(Path file) {
        SQLiteDataSource ds = org.ruralatlas.data.store.SideFiles.dataSource(file);
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS accounts (name TEXT PRIMARY KEY, role TEXT NOT NULL "
                    + "CHECK (role IN ('admin', 'reviewer', 'editor')), provinces TEXT NOT NULL, created INTEGER NOT NULL, "
                    + "disabled INTEGER NOT NULL DEFAULT 0)");
            s.execute(
                    "CREATE TABLE IF NOT EXISTS api_tokens (token_id TEXT PRIMARY KEY, "
                            + "account TEXT NOT NULL REFERENCES accounts (name) ON DELETE CASCADE, label TEXT NOT NULL, "
                            + "digest TEXT NOT NULL UNIQUE, created INTEGER NOT NULL, expires INTEGER NOT NULL, revoked INTEGER)");
            // files made before browser sign-in have no password column (PostGIS: migration V15)
            boolean hasPasswords = false;
            try (ResultSet columns = s.executeQuery("PRAGMA table_info(accounts)")) {
                while (columns.next()) {
                    hasPasswords |= "password_hash".equals(columns.getString("name"));
                }
            }
            if (!hasPasswords) {
                s.execute("ALTER TABLE accounts ADD COLUMN password_hash TEXT");
            }
        } catch (SQLException e) {
            throw new FeatureStoreException("cannot open the accounts file " + file + ": " + e.getMessage(), e);
        }
        return new AccountStore(ReadRoute.primaryOnly(ds), false);
    }

    /** Adds an account; false when one of that name exists (nothing changed). */
    public boolean add(Account account) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO " + accounts
                                + " (name, role, provinces, created, disabled) VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
            ps.setString(1, account.name());
            ps.setString(2, account.role().id());
            ps.setString(3, String.join(",", account.provinces()));
            setInstant(ps, 4, account.created());
            ps.setBoolean(5, account.disabled());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("adding an account", e);
        }
    }

    public Optional<Account> account(String name) {
        List<Account> found = accounts(" WHERE name = ?", name);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every account, by name. */
    public List<Account> accounts() {
        return accounts("", null);
    }

    /** Disables or enables an account; false when there is none of that name. */
    public boolean setDisabled(String name, boolean disabled) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE " + accounts + " SET disabled = ? WHERE name = ?")) {
            ps.setBoolean(1, disabled);
            ps.setString(2, name);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("changing an account", e);
        }
    }

    /** A new token of {@code account}, valid until {@code expires}: the only time its secret is known. */
    public IssuedToken issue(String account, String label, Instant expires) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        byte[] id = new byte[8];
        RANDOM.nextBytes(id);
        String text = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = Instant.now();
        ApiToken token = new ApiToken(HexFormat.of().formatHex(id), account, label, now, expires, null);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO " + tokens
                        + " (token_id, account, label, digest, created, expires) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, token.id());
            ps.setString(2, account);
            ps.setString(3, label);
            ps.setString(4, digest(text));
            setInstant(ps, 5, now);
            setInstant(ps, 6, expires);
            ps.executeUpdate();
            return new IssuedToken(token, text);
        } catch (SQLException e) {
            throw failure("issuing a token", e);
        }
    }

    /** Whether a text has a token's form at all: anything else is nobody's, with no query. */
    private static boolean couldBeToken(String secret) {
        return secret != null && secret.startsWith(PREFIX) && secret.length() <= 100;
    }

    /** The enabled account whose usable token this is, read on the primary; empty for any other text. */
    public Optional<Account> authenticate(String secret) {
        if (!couldBeToken(secret)) {
            return Optional.empty();
        }
        try {
            return authenticate(dataSource.getConnection(), secret);
        } catch (SQLException e) {
            throw failure("checking a token", e);
        }
    }

    /**
     * The same read on a serving standby (the primary when none serves), for while the primary is
     * away: reads with a token go on then (writes are refused anyway). A token revoked, or an
     * account disabled, is seen there only once the standby has replayed it, at most its lag
     * later ({@code ruralatlas.db.max-replica-lag} while it serves): accepted for reads only.
     */
    public Optional<Account> authenticateOnStandby(String secret) {
        if (!couldBeToken(secret)) {
            return Optional.empty();
        }
        try {
            return reads.read(c -> authenticate(c, secret));
        } catch (SQLException e) {
            throw failure("checking a token", e);
        }
    }

    private Optional<Account> authenticate(Connection connection, String secret) throws SQLException {
        try (Connection c = connection;
                PreparedStatement ps = c.prepareStatement(
                        "SELECT a.name, a.role, a.provinces, a.created, a.disabled FROM " + accounts + " a JOIN "
                                + tokens
                                + " t ON t.account = a.name WHERE t.digest = ? AND t.revoked IS NULL AND t.expires > ? AND NOT a.disabled")) {
            ps.setString(1, digest(secret));
            setInstant(ps, 2, Instant.now());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(account(rs)) : Optional.empty();
            }
        }
    }

    /** The tokens of an account, newest first, revoked and expired ones included. */
    public List<ApiToken> tokens(String account) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT token_id, account, label, created, expires, revoked FROM " + tokens
                                + " WHERE account = ? ORDER BY created DESC, token_id")) {
            ps.setString(1, account);
            List<ApiToken> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ApiToken(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            instant(rs, 4),
                            instant(rs, 5),
                            instant(rs, 6)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("listing tokens", e);
        }
    }

    /** Revokes a token of {@code account}; false when it has none of that id or it was revoked already. */
    public boolean revoke(String account, String tokenId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE " + tokens
                        + " SET revoked = ? WHERE account = ? AND token_id = ? AND revoked IS NULL")) {
            setInstant(ps, 1, Instant.now());
            ps.setString(2, account);
            ps.setString(3, tokenId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("revoking a token", e);
        }
    }

    /**
     * Sets the password of an account as its hash (made by the caller with a password hash such as
     * bcrypt: this store never sees a password); null removes it, so that the account signs in with
     * tokens only. False when there is no account of that name.
     */
    public boolean setPasswordHash(String name, String hash) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("UPDATE " + accounts + " SET password_hash = ? WHERE name = ?")) {
            ps.setString(1, hash);
            ps.setString(2, name);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("setting a password", e);
        }
    }

    /** An enabled account with a password, and that password's hash. */
    public record WithPassword(Account account, String passwordHash) {}

    /**
     * The enabled account of that name with its password hash, in one read: what a browser session is checked against
     * on every request; empty for an unknown or disabled name or an account without a password.
     */
    public Optional<WithPassword> withPassword(String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT name, role, provinces, created, disabled, password_hash FROM "
                                + accounts + " WHERE name = ? AND NOT disabled AND password_hash IS NOT NULL")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new WithPassword(account(rs), rs.getString(6))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("reading an account", e);
        }
    }

    /** The password hash of an enabled account that has one; empty for any other name. */
    public Optional<String> passwordHash(String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM " + accounts
                        + " WHERE name = ? AND NOT disabled AND password_hash IS NOT NULL")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("reading a password", e);
        }
    }

    @Override
    public void close() {
        reads.close();
    }

    private List<Account> accounts(String where, String value) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT name, role, provinces, created, disabled FROM "
                        + accounts + where + " ORDER BY name")) {
            if (value != null) {
                ps.setString(1, value);
            }
            List<Account> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(account(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("reading accounts", e);
        }
    }

    private Account account(ResultSet rs) throws SQLException {
        String provinces = rs.getString(3);
        return new Account(
                rs.getString(1),
                Role.of(rs.getString(2)).orElseThrow(),
                provinces.isEmpty() ? List.of() : Arrays.asList(provinces.split(",")),
                instant(rs, 4),
                rs.getBoolean(5));
    }

    static String digest(String secret) {
        return Sha256.hex(secret, 32);
    }

    /** PostgreSQL keeps times as timestamptz, SQLite as milliseconds since 1970. */
    private void setInstant(PreparedStatement ps, int i, Instant t) throws SQLException {
        org.ruralatlas.data.store.SideFiles.setTime(ps, i, t, postgis);
    }

    private Instant instant(ResultSet rs, int i) throws SQLException {
        return org.ruralatlas.data.store.SideFiles.time(rs, i, postgis);
    }

    private static FeatureStoreException failure(String what, SQLException e) {
        return new FeatureStoreException(what + " failed: " + e.getMessage(), e);
    }
}
