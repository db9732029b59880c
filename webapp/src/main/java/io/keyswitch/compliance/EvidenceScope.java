package io.keyswitch.compliance;

/**
 * What a measurement covers: the whole appliance with every account ({@code accountId} null, for system
 * administrators) or one account (for its administrators).
 */
public record EvidenceScope(Long accountId) {

    public static EvidenceScope appliance() {
        return new EvidenceScope(null);
    }

    public static EvidenceScope account(long accountId) {
        return new EvidenceScope(accountId);
    }

    public boolean isAppliance() {
        return accountId == null;
    }
}
