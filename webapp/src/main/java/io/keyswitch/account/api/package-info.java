/** The API of accounts, for system administrators: JSON under /api/v1/accounts, paged, with problem+json errors. */
package io.keyswitch.account.api;
