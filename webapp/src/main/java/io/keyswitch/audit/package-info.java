/** The append-only, hash-chained audit trail: who did what, when, from where, to what, and why. */
package io.keyswitch.audit;
