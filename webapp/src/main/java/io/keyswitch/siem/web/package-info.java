/** The page of syslog targets: list with each target's forwarding status, create, edit, delete with a reason, and "send test message". */
package io.keyswitch.siem.web;
