/**
 * The live IEC 62443-3-3 page: the 51 system requirements as docs/secure/iec62443.md states them, each with the
 * evidence the features measure now (the {@link io.keyswitch.compliance.ComplianceEvidence} role they implement).
 */
package io.keyswitch.compliance;
