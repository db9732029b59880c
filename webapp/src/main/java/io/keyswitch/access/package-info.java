/** Grants: which user or group may reach which project, device or component; default deny. */
package io.keyswitch.access;
