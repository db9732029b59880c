/** REST resources of projects, devices and components under /api/v1. */
package io.keyswitch.device.api;
