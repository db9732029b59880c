/** Credentials checked when a client authenticates on the VPN: device secrets and their keyed hashes. */
package io.keyswitch.vpn.auth;
