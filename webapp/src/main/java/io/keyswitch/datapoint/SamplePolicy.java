package io.keyswitch.datapoint;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Which reported values go into the history: a value is stored when it changed since the last stored one (a number
 * only by more than the dead band, so noise is not stored but slow drift is, once it adds up), or when the last
 * stored one is at least the sample interval old, so a steady value still has a sample now and then. A value read
 * no later than the last stored one (a report sent again, or one that arrives late) is not stored.
 */
public record SamplePolicy(double deadBand, Duration sampleInterval) {

    public static SamplePolicy of(DataPointSettings settings) {
        return new SamplePolicy(settings.deadBand(), settings.sampleInterval());
    }

    /** Whether {@code reading}, read at {@code at}, goes into the history of {@code point}. */
    public boolean store(DataPoint point, Reading reading, Instant at) {
        return store(point.getKind(), point.getStoredNumber(), point.getStoredText(), point.getStoredAt(), reading, at);
    }

    boolean store(DataPointType type, Double storedNumber, String storedText, Instant storedAt, Reading reading,
                  Instant at) {
        if (storedAt != null && !at.isAfter(storedAt)) {
            return false;
        }
        if (storedAt == null || Duration.between(storedAt, at).compareTo(sampleInterval) >= 0) {
            return true;
        }
        return switch (type) {
            case NUMBER -> storedNumber == null || Math.abs(reading.number() - storedNumber) > deadBand;
            case BOOLEAN -> !Objects.equals(storedNumber, reading.number());
            case TEXT -> !Objects.equals(storedText, reading.text());
        };
    }
}
