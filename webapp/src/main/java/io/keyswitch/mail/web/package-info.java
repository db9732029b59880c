/** The SMTP settings page with "send test mail". */
package io.keyswitch.mail.web;
