/** The e-mail link second factor: single-use, short-lived random tokens that the user receives as a link. */
package io.keyswitch.security.maillink;
