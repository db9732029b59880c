/** Faces views of accounts, for system administrators. */
package io.keyswitch.account.web;
