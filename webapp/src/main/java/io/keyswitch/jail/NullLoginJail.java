package io.keyswitch.jail;

import java.util.List;
import java.util.Optional;

/** The jail switched off: nothing is counted, nothing is banned. */
public final class NullLoginJail implements LoginJail {

    @Override
    public Optional<Ban> activeBan(String address, String userName) {
        return Optional.empty();
    }

    @Override
    public void recordFailure(String address, String userName) {
        // Switched off: failures are not counted.
    }

    @Override
    public void recordSuccess(String address, String userName) {
        // Switched off: there is nothing to forget.
    }

    @Override
    public Admission admit(String address, String userName, java.util.function.BooleanSupplier knownAddress) {
        return Admission.admitted(address, userName, false, false);
    }

    @Override
    public void failed(Admission admission) {
        // Switched off: failures are not counted.
    }

    @Override
    public void succeeded(Admission admission) {
        // Switched off: there is nothing to give back.
    }

    @Override
    public Optional<Ban> lift(BanKind kind, String subject) {
        return Optional.empty();
    }

    @Override
    public List<Ban> activeBans() {
        return List.of();
    }
}
