/** The alarm pages: the alarm history with acknowledging, and the active-alarm count in the menu. */
package io.keyswitch.alarm.web;
