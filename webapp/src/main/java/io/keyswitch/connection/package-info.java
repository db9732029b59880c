/**
 * Technician connections: one technician's session to the granted components of one device, from Connect to its
 * end — the firewall rules it puts in and takes out on the appliance's forward path, its limits, and its record.
 */
package io.keyswitch.connection;
