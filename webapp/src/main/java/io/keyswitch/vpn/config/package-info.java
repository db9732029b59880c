/** OpenVPN configuration the portal generates: one server config per account instance, device and technician profiles. */
package io.keyswitch.vpn.config;
