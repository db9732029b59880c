/** One-time login codes sent by SMS as a second factor: how they are made, kept hashed and checked. */
package io.keyswitch.security.sms;
