/** The audit trail as a report: the user protocol (logins with their address and second factor, and the changes users made with their reasons). */
package io.keyswitch.audit.report;
