/** The devices report: each device's online history, data volume and alarms in a period, a {@link io.keyswitch.report.ReportKind} read a page of devices at a time. */
package io.keyswitch.datapoint.report;
