package io.keyswitch.sms;

/**
 * A message could not be delivered to the gateway. The message names the gateway's method,
 * address (without its query, which may hold an API key) and what went wrong, and never holds
 * the text sent.
 */
public class SmsDeliveryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SmsDeliveryException(String message) {
        super(message);
    }

    public SmsDeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
