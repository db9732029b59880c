package io.keyswitch.testing;

import io.keyswitch.launcher.DatabaseCoordinates;
import io.keyswitch.platform.NameKey;
import io.keyswitch.user.internal.BcryptPasswordHasher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Arranges accounts, groups with rights and users directly in a test database, as an administrator would have. */
public final class Fixtures {

    private static final BcryptPasswordHasher HASHER = new BcryptPasswordHasher();

    private Fixtures() {
    }

    /** Creates an account with the first free virtual pool (a /16 of the default virtual space, as the portal chooses); returns its id. */
    public static long account(DatabaseCoordinates db, String name) throws SQLException {
        try (Connection c = Databases.connect(db)) {
            return account(c, name);
        }
    }

    /** Creates an account with the first free virtual pool on {@code c}; returns its id. */
    public static long account(Connection c, String name) throws SQLException {
        java.util.List<io.keyswitch.platform.Ipv4Subnet> taken = new java.util.ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT block FROM account_pool_block"); ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                io.keyswitch.platform.Ipv4Subnet.Parsed p = io.keyswitch.platform.Ipv4Subnet.parse(rows.getString(1));
                if (p.ok()) {
                    taken.add(p.subnet());
                }
            }
        }
        // the portal's default virtual space (100.64.0.0/10, then 10.0.0.0/9), as a new account gets it
        String pool = io.keyswitch.account.VirtualPools.allocator(io.keyswitch.platform.SettingsReader.of(key -> null)).suggest(taken)
                .orElseThrow(() -> new IllegalStateException("no free /16 left in the virtual space")).toString();
        long id;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO account (name, status, created_at) VALUES (?, 'ACTIVE', ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            bind(s, name, now());
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        setPool(c, id, pool);
        return id;
    }

    /** The account's virtual pool becomes {@code blocks} (one block or several separated by commas), as the portal stores it. */
    public static void setPool(DatabaseCoordinates db, long accountId, String blocks) throws SQLException {
        try (Connection c = Databases.connect(db)) {
            setPool(c, accountId, blocks);
        }
    }

    private static void setPool(Connection c, long accountId, String blocks) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM account_pool_block WHERE account_id = ?")) {
            bind(s, accountId);
            s.executeUpdate();
        }
        for (String text : blocks.split(",")) {
            io.keyswitch.platform.Ipv4Subnet block = io.keyswitch.platform.Ipv4Subnet.parse(text).subnet();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO account_pool_block (account_id, block, first_address,"
                    + " last_address, grown, created_at) VALUES (?, ?, ?, ?, FALSE, ?)")) {
                bind(s, accountId, block.toString(), block.network(), block.broadcast(), now());
                s.executeUpdate();
            }
        }
    }

    /** The account's virtual pool as the portal shows it: its blocks by address, separated by ", ". */
    public static String pool(DatabaseCoordinates db, long accountId) throws SQLException {
        return string(db, "SELECT GROUP_CONCAT(block ORDER BY first_address SEPARATOR ', ') FROM account_pool_block"
                + " WHERE account_id = ?", accountId);
    }

    /** The first /24 of the account's virtual pool: the virtual subnet its first /24 device gets. */
    public static String firstVirtualSubnet(DatabaseCoordinates db, long accountId) throws SQLException {
        String pool = pool(db, accountId);
        return pool.substring(0, pool.indexOf('/')) + "/24";
    }

    /** Creates a user with a password (no forced change) in a new group holding {@code rights}; returns the user id. */
    public static long user(DatabaseCoordinates db, long accountId, String username, String password, List<String> rights)
            throws SQLException {
        long userId = insert(db, "INSERT INTO app_user (account_id, username, password_hash, full_name, status, created_at) "
                + "VALUES (?, ?, ?, ?, 'ACTIVE', ?)", accountId, username, HASHER.hash(password.toCharArray()),
                "User " + username, now());
        long groupId = insert(db, "INSERT INTO user_group (account_id, name, name_key, created_at) VALUES (?, ?, ?, ?)",
                accountId, "group of " + username, NameKey.of("group of " + username), now());
        for (String right : rights) {
            insert(db, "INSERT INTO group_right (group_id, permission) VALUES (?, ?)", groupId, right);
        }
        insert(db, "INSERT INTO group_membership (group_id, user_id) VALUES (?, ?)", groupId, userId);
        return userId;
    }

    /** Makes {@code userId} a system administrator (appliance-wide rights such as account:manage). */
    public static void makeSystemAdmin(DatabaseCoordinates db, long userId) throws SQLException {
        update(db, "UPDATE app_user SET system_admin = TRUE WHERE id = ?", userId);
    }

    /** The id of the account named {@code name}. */
    public static long accountId(DatabaseCoordinates db, String name) throws SQLException {
        return Long.parseLong(string(db, "SELECT id FROM account WHERE name = ?", name));
    }

    /** Creates a project; returns its id. */
    public static long project(DatabaseCoordinates db, long accountId, String name) throws SQLException {
        return insert(db, "INSERT INTO project (account_id, name, name_key, created_at) VALUES (?, ?, ?, ?)",
                accountId, name, NameKey.of(name), now());
    }

    /** Creates a device with the given real LAN and virtual subnet; returns its id. */
    public static long device(DatabaseCoordinates db, long accountId, String name, String lan, String virtual) throws SQLException {
        return insert(db, "INSERT INTO device (account_id, name, name_key, lan_subnet, virtual_subnet, status, created_at) "
                + "VALUES (?, ?, ?, ?, ?, 'ACTIVE', ?)", accountId, name, NameKey.of(name), lan, virtual, now());
    }

    /** Creates a component of a device; returns its id. */
    public static long component(DatabaseCoordinates db, long accountId, long deviceId, String name, String ip, String services)
            throws SQLException {
        return insert(db, "INSERT INTO component (device_id, account_id, name, name_key, ip, services, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", deviceId, accountId, name, NameKey.of(name), ip, services, now());
    }

    /** Gives a user an API token with the given secret ({@code ks_} + 32 characters); returns its id. */
    public static long apiToken(DatabaseCoordinates db, long accountId, long userId, String secret) throws SQLException {
        try {
            String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            return insert(db, "INSERT INTO api_token (user_id, account_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                    userId, accountId, "test token", hash, now());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A technician's connection as the engine records it once it opened (the container and browser tiers have no VPN
     * to open one): OPEN for ten minutes. Without the technician's tunnel, the connection engine's next check closes it
     * ("the technician's VPN tunnel went down"), as the real one would be; returns its id.
     */
    public static long openConnection(DatabaseCoordinates db, long accountId, long userId, String userName, long deviceId,
                                      String deviceName, String orderNumber) throws SQLException {
        LocalDateTime opened = now().minusMinutes(10);
        return insert(db, "INSERT INTO connection (account_id, user_id, user_name, device_id, device_name, state, reason,"
                + " order_number, requested_at, opened_at, technician_address, last_activity_at)"
                + " VALUES (?, ?, ?, ?, ?, 'OPEN', 'maintenance', ?, ?, ?, '100.96.0.2', ?)", accountId, userId, userName,
                deviceId, deviceName, orderNumber, opened, opened, now());
    }

    /** Runs an UPDATE or DELETE. */
    public static int update(DatabaseCoordinates db, String sql, Object... params) throws SQLException {
        try (Connection c = Databases.connect(db); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            return s.executeUpdate();
        }
    }

    /** The number of rows {@code sql} (a COUNT query with parameters) finds. */
    public static long count(DatabaseCoordinates db, String sql, Object... params) throws SQLException {
        try (Connection c = Databases.connect(db); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The first column of the first row {@code sql} finds, or null. */
    public static String string(DatabaseCoordinates db, String sql, Object... params) throws SQLException {
        try (Connection c = Databases.connect(db); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Runs an INSERT; returns the generated key (0 if none). */
    public static long insert(DatabaseCoordinates db, String sql, Object... params) throws SQLException {
        try (Connection c = Databases.connect(db); PreparedStatement s = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(s, params);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : 0;
            }
        }
    }

    private static void bind(PreparedStatement s, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
    }

    private static LocalDateTime now() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }
}
