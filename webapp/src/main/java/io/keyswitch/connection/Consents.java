package io.keyswitch.connection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Optional;

/** Every {@link ConnectConsent} the portal has, asked in turn: the one place a Connect and a live connection ask them. */
@ApplicationScoped
public class Consents {

    @Inject
    Instance<ConnectConsent> all;

    /** The first consent that refuses {@code userId} a Connect to {@code deviceId} now, or empty when all are given. */
    public Optional<ConnectConsent.Refusal> refusal(long accountId, long userId, long deviceId) {
        for (ConnectConsent consent : all) {
            Optional<ConnectConsent.Refusal> refused = consent.refusal(accountId, userId, deviceId);
            if (refused.isPresent()) {
                return refused;
            }
        }
        return Optional.empty();
    }

    /**
     * The cause that ends a live connection of {@code userId} to {@code deviceId} now: the first consent whose refusal
     * ends live connections (a refusal of new Connects only, such as open work reports, lets it go on).
     */
    public Optional<CloseCause> ending(long accountId, long userId, long deviceId) {
        for (ConnectConsent consent : all) {
            Optional<CloseCause> cause = consent.refusal(accountId, userId, deviceId).map(ConnectConsent.Refusal::endsLiveWith);
            if (cause.isPresent()) {
                return cause;
            }
        }
        return Optional.empty();
    }
}
