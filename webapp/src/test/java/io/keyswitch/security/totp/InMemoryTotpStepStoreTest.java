package io.keyswitch.security.totp;

import org.junit.jupiter.api.DisplayName;

@DisplayName("The in-memory TOTP step store keeps the store contract")
class InMemoryTotpStepStoreTest extends TotpStepStoreContract {

    @Override
    protected TotpStepStore newStore() {
        return new InMemoryTotpStepStore();
    }
}
