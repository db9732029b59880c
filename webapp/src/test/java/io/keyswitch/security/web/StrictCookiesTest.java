package io.keyswitch.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Every cookie leaves the portal Secure, HttpOnly and SameSite=Strict")
class StrictCookiesTest {

    @Test
    @DisplayName("the container's session cookie gets SameSite=Strict and keeps the rest")
    void sessionCookie() {
        assertThat(SecurityHeadersFilter.HardenedResponse.strict("JSESSIONID=abc; Path=/; Secure; HttpOnly"))
                .isEqualTo("JSESSIONID=abc; Path=/; Secure; HttpOnly; SameSite=Strict");
    }

    @Test
    @DisplayName("a laxer SameSite is replaced, missing Secure and HttpOnly are added")
    void laxCookie() {
        assertThat(SecurityHeadersFilter.HardenedResponse.strict("rememberMe=deleteMe; Path=/; Max-Age=0; SameSite=lax"))
                .isEqualTo("rememberMe=deleteMe; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict");
    }

    @Test
    @DisplayName("a cookie that is already strict stays as it is")
    void alreadyStrict() {
        String cookie = "a=b; Path=/; Secure; HttpOnly; SameSite=Strict";
        assertThat(SecurityHeadersFilter.HardenedResponse.strict(cookie)).isEqualTo(cookie);
    }
}
