/** Alarms: rules that turn device data points (and silence) into alarms, alarm groups that say who is told by mail and SMS, the outbox that sends until it is taken, acknowledging, and retention. */
package io.keyswitch.alarm;
