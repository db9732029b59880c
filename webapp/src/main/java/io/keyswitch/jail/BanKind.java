package io.keyswitch.jail;

/** What a ban is keyed on. */
public enum BanKind {
    /** A source address (IPv4, or an IPv6 network of the configured prefix length). */
    ADDRESS,
    /** A user name, whatever address it is tried from. */
    USER_NAME
}
