/** The VPN in the REST API: whether it is available, and a technician's own profile. */
package io.keyswitch.vpn.api;
