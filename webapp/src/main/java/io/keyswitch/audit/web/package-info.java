/** Faces views of the audit trail: the lazy, filterable table and the chain check. */
package io.keyswitch.audit.web;
