package io.keyswitch.sms;


/**
 * Delivers a short text to a phone number: the SMS second factor sends its one-time code
 * through it. Implementations: {@link HttpSmsGateway} for a provider's HTTP API and
 * {@link LogOnlySmsGateway} for tests and development.
 *
 * <p>A voice call ("your code is 1 2 3 4 5 6", read out by the provider's text-to-speech) is the
 * same role: deliver a text to a number. No voice gateway is bundled; a provider whose voice API
 * takes the number and the text over HTTP can be driven by {@link HttpSmsGateway}'s templates,
 * others need an implementation of this interface.
 */
public interface SmsGateway {

    /**
     * Sends the text, or throws.
     *
     * @param phoneNumber in international E.164 form, {@code +} and 7 to 15 digits
     *     ({@code +491701234567}); spaces, dashes, dots, slashes and parentheses are ignored
     * @param text the message, e.g. "Your Keyswitch code: 123456"
     * @throws SmsDeliveryException if the gateway could not be reached or did not accept the message
     * @throws IllegalArgumentException if the phone number is not in E.164 form
     */
    void send(String phoneNumber, String text);

    /** The number without separators, checked to be E.164 ({@code +49 170 123-4567} becomes {@code +491701234567}). */
    static String e164(String phoneNumber) {
        String compact = phoneNumber == null ? "" : phoneNumber.replaceAll("[\\s().\\-/]", "");
        if (!compact.matches("\\+[1-9][0-9]{6,14}")) {
            throw new IllegalArgumentException("Phone number must be in international form, e.g. +491701234567");
        }
        return compact;
    }
}
