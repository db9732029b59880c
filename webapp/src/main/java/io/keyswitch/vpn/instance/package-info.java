/** Starting, stopping and watching the OpenVPN server instances, one per account, and whether OpenVPN is there at all. */
package io.keyswitch.vpn.instance;
