/** Outgoing e-mail: the SMTP account the portal sends through (settings, audited) and the sender. */
package io.keyswitch.mail;
