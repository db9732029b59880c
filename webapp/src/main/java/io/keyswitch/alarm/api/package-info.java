/** The alarm API: alarms (paged, filtered), acknowledging, and the account's alarm rules and alarm groups. */
package io.keyswitch.alarm.api;
