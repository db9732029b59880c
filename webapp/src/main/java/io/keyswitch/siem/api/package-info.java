/** The REST resource of syslog targets ({@code /api/v1/siem-targets}): list with status, create, change, delete, test. */
package io.keyswitch.siem.api;
