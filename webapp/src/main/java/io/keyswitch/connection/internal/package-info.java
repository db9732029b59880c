/** The connections' mechanisms: the firewall helper's socket client, the rows the engine writes. */
package io.keyswitch.connection.internal;
