package io.keyswitch.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hash that chains audit events: over its predecessor's hash and every field, each written as
 * {@code length:value} so that no two different events encode the same way. Events are sealed with an
 * HMAC-SHA256 under a key kept outside the database ({@link #keyed}); events written before the portal had
 * that key carry the plain SHA-256 of the same text ({@link #of}).
 */
public final class EventHash {

    /** The predecessor of the first event of every chain. */
    public static final String GENESIS = "0".repeat(64);

    private EventHash() {
    }

    /** The plain SHA-256, in hex: events written before the audit key existed. */
    public static String of(AuditEvent e) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical(e).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", impossible);
        }
    }

    /** The HMAC-SHA256 under {@code key}, in hex: what nobody without the key can compute. */
    public static String keyed(AuditEvent e, byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(canonical(e).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", impossible);
        }
    }

    private static String canonical(AuditEvent e) {
        StringBuilder canonical = new StringBuilder(256);
        field(canonical, e.getPrevHash());
        field(canonical, Long.toString(e.getChainKey()));
        field(canonical, e.getAccountId() == null ? null : e.getAccountId().toString());
        field(canonical, Long.toString(e.getOccurredAt().toEpochMilli()));
        field(canonical, e.getActor());
        field(canonical, e.getActorUserId() == null ? null : e.getActorUserId().toString());
        field(canonical, e.getSourceIp());
        field(canonical, e.getAction());
        field(canonical, e.getTarget());
        field(canonical, e.getOutcome().name());
        field(canonical, e.getDetails());
        field(canonical, e.getReason());
        return canonical.toString();
    }

    private static void field(StringBuilder out, String value) {
        if (value == null) {
            out.append("-;");
        } else {
            out.append(value.length()).append(':').append(value).append(';');
        }
    }
}
