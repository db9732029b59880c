/** The reports API: the kinds a token's user may run, any kind's rows a keyed page at a time, and its CSV and PDF. */
package io.keyswitch.report.api;
