/** Text messages to phones: the appliance's SMS gateway (HTTP or log-only), its settings and message templates. */
package io.keyswitch.sms;
