package io.keyswitch.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of an audit event: its predecessor's hash and every field, each written as
 * {@code length:value} so that no two different events encode the same way.
 */
public final class EventHash {

    /** The predecessor of the first event of every chain. */
    public static final String GENESIS = "0".repeat(64);

    private EventHash() {
    }

    public static String of(AuditEvent e) {
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
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", impossible);
        }
    }

    private static void field(StringBuilder out, String value) {
        if (value == null) {
            out.append("-;");
        } else {
            out.append(value.length()).append(':').append(value).append(';');
        }
    }
}
