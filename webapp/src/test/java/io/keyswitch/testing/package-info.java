/** Test support: one real MariaDB per test run, fresh databases per test class, the portal started for real, tool checks per tier. */
package io.keyswitch.testing;
