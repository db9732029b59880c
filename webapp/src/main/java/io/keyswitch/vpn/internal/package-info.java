/** How the portal decides and records VPN clients: JPA-backed authenticator and event listener, key files, storage. */
package io.keyswitch.vpn.internal;
