/** The appliance watching itself: its start and stop and the free space on its disk, recorded in the appliance's audit trail for the system protocol. */
package io.keyswitch.appliance.health;
