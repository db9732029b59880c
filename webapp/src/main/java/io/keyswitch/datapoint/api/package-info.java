/** The device report endpoint ({@code POST /api/v1/device-reports}), authenticated by the device's own identity and secret. */
package io.keyswitch.datapoint.api;
