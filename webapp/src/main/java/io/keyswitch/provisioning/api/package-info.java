/** REST resource of bulk profiles under /api/v1/devices/profiles. */
package io.keyswitch.provisioning.api;
