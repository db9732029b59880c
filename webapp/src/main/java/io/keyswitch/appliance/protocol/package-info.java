/** The system protocol: the appliance's own events from its audit trail and the journal of its units, merged newest first, for system administrators. */
package io.keyswitch.appliance.protocol;
