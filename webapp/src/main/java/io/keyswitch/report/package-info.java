/** Reports of what happened on the portal — connections, user protocol, system protocol, devices — shown as pages, written as CSV and PDF, and mailed on a schedule, all through one role, {@link io.keyswitch.report.ReportKind}. */
package io.keyswitch.report;
