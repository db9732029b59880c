/** REST resources of grants: what a user can reach. */
package io.keyswitch.access.api;
