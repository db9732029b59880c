/** OpenVPN's management interface: parsing its stream, answering its client authentications and reconciling who is connected. */
package io.keyswitch.vpn.openvpn;
