/** The REST API of scheduled reports: {@code /api/v1/report-schedules} (saved schedules, their runs, send now). */
package io.keyswitch.schedule.api;
