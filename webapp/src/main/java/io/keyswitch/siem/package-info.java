/** SIEM forwarding: every audit event, as it is recorded, sent to the syslog servers (targets) the appliance's or an account's administrators configured, at least once, from a position kept per target. */
package io.keyswitch.siem;
