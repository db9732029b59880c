/** The data point API: device reports ({@code POST /api/v1/device-reports}, the device's own identity and secret) and a device's data points with their history (JSON and CSV). */
package io.keyswitch.datapoint.api;
