/** The page of scheduled reports: the user's schedules, their form, "send now" and the history of runs. */
package io.keyswitch.schedule.web;
