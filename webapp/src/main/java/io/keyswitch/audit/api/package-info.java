/** The API of the audit trail: the account's events, paged and filtered, and the chain check. */
package io.keyswitch.audit.api;
