/** The appliance's own identity that every feature may read: its DNS name, its public address and whether setup is done. */
package io.keyswitch.appliance;
