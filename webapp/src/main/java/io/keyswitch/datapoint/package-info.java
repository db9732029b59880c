/** Device reports: the data points routers send over HTTPS (inputs, USB, signal, machine values), stored as current values and a raw history, and when each device was last heard from. */
package io.keyswitch.datapoint;
