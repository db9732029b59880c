package io.keyswitch.device;

/** When a device's router should hold its VPN tunnel: always, or only while a device report's answer asks for it. */
public enum TunnelMode {
    /** The router keeps its tunnel up all the time (as every device did before device reports). */
    ALWAYS,
    /** The router reports over HTTPS and dials the tunnel only while a technician wants it. */
    ON_DEMAND
}
