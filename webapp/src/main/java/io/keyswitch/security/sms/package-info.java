/** Delivery of one-time codes to a phone, by SMS (or voice) through a pluggable gateway. */
package io.keyswitch.security.sms;
