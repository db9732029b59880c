/** The data point pages: the device page's current values and history chart, and the dashboard of device tiles. */
package io.keyswitch.datapoint.web;
