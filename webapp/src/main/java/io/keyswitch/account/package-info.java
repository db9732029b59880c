/** Accounts: the tenants that own users, groups, projects and devices, strictly separated from each other. */
package io.keyswitch.account;
