/** How the portal runs the VPN: the appliance CA, the accounts' instances and their files, the JPA-backed authenticator and event listener, the stores, and the VPN's scheduled work. */
package io.keyswitch.vpn.internal;
