/** The connections report: who reached which machine, when, for how long, with what traffic, why and how it ended — one {@link io.keyswitch.report.ReportKind}. */
package io.keyswitch.connection.report;
