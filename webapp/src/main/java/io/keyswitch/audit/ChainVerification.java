package io.keyswitch.audit;

/**
 * The result of walking an audit chain.
 *
 * @param eventsChecked how many events were read
 * @param firstBrokenEventId the id of the first event whose stored hash or link does not match, or {@code null} if intact
 * @param problem what is wrong with that event, in plain words, or {@code null}
 */
public record ChainVerification(long eventsChecked, Long firstBrokenEventId, String problem) {

    public boolean intact() {
        return firstBrokenEventId == null;
    }
}
