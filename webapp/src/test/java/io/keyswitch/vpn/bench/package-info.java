/** Load generators for the VPN core, run by the scripts in webapp/bench, not by the test suites. */
package io.keyswitch.vpn.bench;
