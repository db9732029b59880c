/** The device page's data points panel. */
package io.keyswitch.datapoint.web;
