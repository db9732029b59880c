/** The hash-chained, database-backed implementation of the audit trail. */
package io.keyswitch.audit.internal;
