package io.keyswitch.siem.syslog;

/** How messages travel to a syslog server. */
public enum Transport {
    /** RFC 5426: one datagram per message, no acknowledgement; a server that is away loses what is sent meanwhile. */
    UDP,
    /** RFC 6587: a TCP stream of octet-counted frames. */
    TCP,
    /** RFC 5425: octet-counted frames over TLS 1.2 or 1.3, the server's certificate checked against a CA and its name. */
    TLS
}
