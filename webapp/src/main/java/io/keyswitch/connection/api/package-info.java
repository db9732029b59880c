/** REST resources of technician connections and the machines a technician can reach. */
package io.keyswitch.connection.api;
