/** The mail sender on Jakarta Mail (provided by Payara). */
package io.keyswitch.mail.internal;
