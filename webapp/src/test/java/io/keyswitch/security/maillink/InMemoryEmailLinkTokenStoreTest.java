package io.keyswitch.security.maillink;

import org.junit.jupiter.api.DisplayName;

@DisplayName("The in-memory e-mail link store keeps the store contract")
class InMemoryEmailLinkTokenStoreTest extends EmailLinkTokenStoreContract {

    @Override
    protected EmailLinkTokenStore newStore() {
        return new InMemoryEmailLinkTokenStore();
    }
}
