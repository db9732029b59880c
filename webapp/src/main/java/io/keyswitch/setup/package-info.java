/**
 * The appliance's setup: the one-time setup code, the setup wizard (first administrator, DNS name,
 * TLS certificate, mail account) and, afterwards, the settings pages for the DNS name and the certificate.
 */
package io.keyswitch.setup;
