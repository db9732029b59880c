/** The login jail, Keyswitch's fail2ban: repeated failed logins ban a source address or user name for a while. */
package io.keyswitch.jail;
