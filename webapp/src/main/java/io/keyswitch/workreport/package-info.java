/**
 * Work reports: what a technician did on a machine, asked for when their connection closes, written and corrected by
 * them within the account's window, mandatory before the next Connect when the account says so, listed and exported
 * (CSV, PDF) for invoicing.
 */
package io.keyswitch.workreport;
