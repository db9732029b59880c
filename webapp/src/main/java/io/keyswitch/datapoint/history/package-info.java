/** A data point's history over time: hourly aggregates made in the background, retention of raw values and aggregates, and the history a chart or an export reads. */
package io.keyswitch.datapoint.history;
