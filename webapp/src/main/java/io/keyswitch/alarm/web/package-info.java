/** The alarm pages: the alarm history with acknowledging, the active-alarm count in the menu, and the pages of alarm rules and alarm groups. */
package io.keyswitch.alarm.web;
