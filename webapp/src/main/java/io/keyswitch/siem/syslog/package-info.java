/** The syslog protocol without any portal in it: RFC 5424 messages, RFC 6587 octet-counted framing, and connections over UDP, TCP and TLS (RFC 5425). */
package io.keyswitch.siem.syslog;
