package io.keyswitch.security.totp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Builds the {@code otpauth://totp/Issuer:account?secret=…&issuer=…&algorithm=…&digits=…&period=…}
 * URI that authenticator apps read from the enrolment QR code (the "Key Uri Format" Google
 * Authenticator introduced, which the other apps follow). Issuer and account are percent-encoded
 * (a space becomes {@code %20}, a colon {@code %3A}) so neither can break the label.
 */
public final class OtpAuthUri {

    private OtpAuthUri() {
    }

    /**
     * The URI for one user's enrolment.
     *
     * @param settings issuer, algorithm, digits and period
     * @param account what the app shows under the issuer, usually the user name
     * @param secret the user's new secret
     */
    public static String of(TotpSettings settings, String account, TotpSecret secret) {
        String issuer = encode(settings.issuer());
        return "otpauth://totp/" + issuer + ":" + encode(account)
                + "?secret=" + secret.base32()
                + "&issuer=" + issuer
                + "&algorithm=" + settings.algorithm().uriName()
                + "&digits=" + settings.digits()
                + "&period=" + settings.periodSeconds();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
