/** Test fixtures shared by the security tests, such as a clock moved by hand. */
package io.keyswitch.security.testing;
