/** The data point pages: the device page's current values and history chart, and the dashboard of device tiles with a chart of one value across the devices. */
package io.keyswitch.datapoint.web;
