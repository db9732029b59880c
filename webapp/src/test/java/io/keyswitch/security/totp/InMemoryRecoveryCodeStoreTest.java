package io.keyswitch.security.totp;

import org.junit.jupiter.api.DisplayName;

@DisplayName("The in-memory recovery code store keeps the store contract")
class InMemoryRecoveryCodeStoreTest extends RecoveryCodeStoreContract {

    @Override
    protected RecoveryCodeStore newStore() {
        return new InMemoryRecoveryCodeStore();
    }
}
