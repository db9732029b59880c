package io.keyswitch.security.totp;

/** The HMAC that RFC 6238 allows for TOTP, with its JCA name and its name in an otpauth URI. */
public enum TotpAlgorithm {
    /** HMAC-SHA-1: what every authenticator app supports; the default. */
    SHA1("HmacSHA1"),
    /** HMAC-SHA-256: RFC 6238's stronger option; not every app honours it. */
    SHA256("HmacSHA256"),
    /** HMAC-SHA-512. */
    SHA512("HmacSHA512");

    private final String jcaName;

    TotpAlgorithm(String jcaName) {
        this.jcaName = jcaName;
    }

    /** The name {@link javax.crypto.Mac#getInstance(String)} knows. */
    public String jcaName() {
        return jcaName;
    }

    /** The value of the {@code algorithm} parameter of an otpauth URI. */
    public String uriName() {
        return name();
    }
}
