package io.keyswitch.vpn.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Writes {@code .ovpn} client profiles with everything inline. Only directives that stock OpenVPN 2.5/2.6 and
 * OpenVPN Connect accept: no {@code <auth-user-pass>} inline block (2.6 only), and the device secret is never put
 * into the profile: a router takes it in its own user name/password fields or a credentials file.
 */
public final class ProfileGenerator {

    /** The challenge text a technician's client shows; the answer is the TOTP (or other second-factor) code. */
    public static final String CHALLENGE = "Authenticator code";

    /**
     * A device profile. With {@code credentialsFile}, {@code auth-user-pass} reads the device's identity and secret
     * from that file (two lines, mode 0600); without it the router supplies them itself.
     */
    public String device(ProfileMaterial material, Optional<Path> credentialsFile) {
        StringBuilder profile = header(material, "device");
        credentialsFile.ifPresentOrElse(file -> {
            if (!file.isAbsolute() || file.toString().matches(".*[\\s\"'\\\\].*")) {
                throw new IllegalArgumentException("credentials file must be an absolute path without blanks");
            }
            line(profile, "auth-user-pass " + file);
        }, () -> line(profile, "auth-user-pass"));
        return inline(profile, material);
    }

    /**
     * A technician profile: user name and password, plus the second-factor code through OpenVPN's static
     * challenge, sent as {@code SCRV1:base64(password):base64(code)}; never cached by the client.
     */
    public String technician(ProfileMaterial material) {
        StringBuilder profile = header(material, "technician");
        line(profile, "auth-user-pass");
        line(profile, "auth-nocache");
        line(profile, "static-challenge \"" + CHALLENGE + "\" 1");
        return inline(profile, material);
    }

    private static StringBuilder header(ProfileMaterial material, String kind) {
        StringBuilder profile = new StringBuilder();
        line(profile, "# Keyswitch " + kind + " profile. Contains a private key: keep it like a password.");
        line(profile, "client");
        line(profile, "dev tun");
        line(profile, "proto udp");
        line(profile, "remote " + material.remoteHost() + " " + material.port() + " udp");
        line(profile, "nobind");
        line(profile, "resolv-retry infinite");
        line(profile, "persist-key");
        line(profile, "persist-tun");
        // tells the server when the client stops, so the portal shows it offline at once, not after the keepalive
        line(profile, "explicit-exit-notify 1");
        line(profile, "remote-cert-tls server");
        line(profile, "verify-x509-name " + material.serverName() + " name");
        line(profile, "tls-version-min 1.2");
        line(profile, "data-ciphers AES-256-GCM:CHACHA20-POLY1305");
        line(profile, "verb 3");
        return profile;
    }

    private static String inline(StringBuilder profile, ProfileMaterial material) {
        block(profile, "ca", material.caPem());
        block(profile, "cert", material.clientCertificatePem());
        block(profile, "key", material.clientKeyPem());
        block(profile, "tls-crypt", material.tlsCryptKey());
        return profile.toString();
    }

    private static void block(StringBuilder profile, String tag, String pem) {
        if (pem == null || pem.isBlank() || pem.contains("</")) {
            throw new IllegalArgumentException("missing or malformed <" + tag + ">");
        }
        line(profile, "<" + tag + ">");
        profile.append(pem.strip()).append('\n');
        line(profile, "</" + tag + ">");
    }

    private static void line(StringBuilder profile, String line) {
        profile.append(line).append('\n');
    }
}
