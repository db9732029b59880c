/**
 * The VPN wired into the portal: the appliance CA and one OpenVPN instance per account started at deployment,
 * device and technician profiles, and the devices' live status.
 */
package io.keyswitch.vpn;
