package io.keyswitch.appliance.protocol;

import io.keyswitch.platform.ValidationFailed;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a page of the system protocol continues in each of its two sources: below the audit event id it names, and
 * older than the journal entry whose cursor it names (either absent: that source from its newest). Written
 * {@code a<id>.j<cursor, base64url>}, e.g. {@code a1234.jcz0x…}: safe in a URL as it is.
 */
record ProtocolKey(Long auditBefore, String journalBefore) {

    static final ProtocolKey START = new ProtocolKey(null, null);
    private static final Pattern FORM = Pattern.compile("a(\\d{0,19})\\.j([A-Za-z0-9_-]{0,2000})");

    /** The key after one more row: the audit event {@code id}. */
    ProtocolKey afterAudit(long id) {
        return new ProtocolKey(id, journalBefore);
    }

    /** The key after one more row: the journal entry at {@code cursor}. */
    ProtocolKey afterJournal(String cursor) {
        return new ProtocolKey(auditBefore, cursor);
    }

    String text() {
        return "a" + (auditBefore == null ? "" : auditBefore) + ".j" + (journalBefore == null ? ""
                : Base64.getUrlEncoder().withoutPadding().encodeToString(journalBefore.getBytes(StandardCharsets.UTF_8)));
    }

    /** The key a page continues after; null or blank: the first page; anything not written by {@link #text} is refused. */
    static ProtocolKey parse(String after) {
        if (after == null || after.isBlank()) {
            return START;
        }
        Matcher m = FORM.matcher(after.strip());
        if (!m.matches()) {
            throw refused();
        }
        try {
            Long audit = m.group(1).isEmpty() ? null : Long.parseLong(m.group(1));
            String cursor = m.group(2).isEmpty() ? null
                    : new String(Base64.getUrlDecoder().decode(m.group(2)), StandardCharsets.UTF_8);
            return new ProtocolKey(audit, cursor);
        } catch (IllegalArgumentException e) {
            throw refused();
        }
    }

    private static ValidationFailed refused() {
        return ValidationFailed.of("after", "Give the key of the last row of the previous page.");
    }
}
