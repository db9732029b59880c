/** Time-based one-time passwords (RFC 6238): secrets, codes, enrolment QR codes and recovery codes. */
package io.keyswitch.security.totp;
