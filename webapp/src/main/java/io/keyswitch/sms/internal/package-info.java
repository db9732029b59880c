/** The gateway in use, made from the stored settings (or the log-only gateway when none is set). */
package io.keyswitch.sms.internal;
