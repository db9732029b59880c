package io.keyswitch.platform;

/**
 * The portal is deployed and its database schema is current: each feature's start-up step observes this event with
 * its place in {@link StartupOrder} as the observer's {@code @Priority}, instead of one class calling everyone.
 */
public record PortalStarted() {
}
