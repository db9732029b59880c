/** REST resources of the key switch setting of devices and projects under /api/v1. */
package io.keyswitch.keyswitch.api;
