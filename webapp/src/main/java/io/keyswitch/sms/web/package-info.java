/** The SMS gateway's settings page for system administrators, with a test message. */
package io.keyswitch.sms.web;
