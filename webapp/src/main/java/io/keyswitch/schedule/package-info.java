/** Scheduled reports: a report kind with its filter saved by a user, written as PDF and/or CSV for a relative period and mailed at its time in the account's time zone, with its runs retried and listed. */
package io.keyswitch.schedule;
