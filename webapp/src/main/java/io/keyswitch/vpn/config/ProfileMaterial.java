package io.keyswitch.vpn.config;

/**
 * What goes into a client profile: where the instance is, which server certificate name to expect, and the PEM
 * texts to inline. {@code clientKeyPem} and {@code tlsCryptKey} are secrets: {@link #toString()} hides them.
 */
public record ProfileMaterial(String remoteHost, int port, String serverName, String caPem, String clientCertificatePem,
                              String clientKeyPem, String tlsCryptKey) {

    public ProfileMaterial {
        if (remoteHost == null || !remoteHost.matches("[A-Za-z0-9][A-Za-z0-9.\\-]{0,252}")) {
            throw new IllegalArgumentException("remote must be a DNS name or IPv4 address");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range");
        }
        if (serverName == null || !serverName.matches("[A-Za-z0-9][A-Za-z0-9._@\\-]{0,63}")) {
            throw new IllegalArgumentException("bad server name");
        }
    }

    @Override
    public String toString() {
        return "ProfileMaterial[" + remoteHost + ":" + port + ", server " + serverName + ", keys ***]";
    }
}
