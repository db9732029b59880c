package io.keyswitch.connection;

import java.util.Optional;

/**
 * Role: a consent a technician's connection needs besides rights and grants — the key switch at the machine, an
 * operator's approval, the technician's written work reports. Asked at every Connect and, for consents that end live
 * connections, for every live connection at each check of the connection engine; implemented by the features that
 * know the consent, so connections need not know them.
 */
public interface ConnectConsent {

    /** Why the technician {@code userId} may not connect to {@code deviceId} now, or empty when this consent is given. */
    Optional<Refusal> refusal(long accountId, long userId, long deviceId);

    /**
     * A consent not given: the words the technician reads (one sentence) and, when the consent also ends connections
     * that are live, the cause they are closed with ({@code null}: it only refuses new Connects).
     */
    record Refusal(String words, CloseCause endsLiveWith) {

        /** Refuses a Connect; live connections go on (e.g. open work reports). */
        public static Refusal atConnect(String words) {
            return new Refusal(words, null);
        }

        /** Refuses a Connect and ends live connections with {@code cause} (e.g. the key switch turned off). */
        public static Refusal ending(CloseCause cause, String words) {
            return new Refusal(words, cause);
        }
    }
}
