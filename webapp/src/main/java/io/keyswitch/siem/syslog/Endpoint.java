package io.keyswitch.siem.syslog;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A syslog server: host, port, transport and, for TLS, the CA certificates its certificate must chain to. Opens
 * connections to it; TLS is 1.2 or 1.3 only, with SNI, and the certificate must name the host (the rules HTTPS
 * clients use: a DNS name in the subject alternative names, or the IP address for an address).
 */
public record Endpoint(String host, int port, Transport transport, List<X509Certificate> trustedCas) {

    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    public Endpoint {
        trustedCas = trustedCas == null ? List.of() : List.copyOf(trustedCas);
        if (transport == Transport.TLS && trustedCas.isEmpty()) {
            throw new IllegalArgumentException("TLS needs the CA certificates the server's certificate is checked against");
        }
    }

    /** {@code host:port (TRANSPORT)}, as messages name the server. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port + " (" + transport + ")";
    }

    /** Opens a connection, waiting at most {@code timeout} to connect (and for the TLS handshake). */
    public SyslogConnection open(Duration timeout) throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new UnknownHostException(host);
        }
        if (transport == Transport.UDP) {
            DatagramChannel channel = DatagramChannel.open();
            try {
                channel.connect(address);
                channel.configureBlocking(false);
                return new UdpConnection(channel);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
        Socket socket = new Socket();
        try {
            socket.setKeepAlive(true);
            socket.setTcpNoDelay(true);
            socket.connect(address, (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            if (transport == Transport.TLS) {
                socket = handshake(socket, timeout);
            }
            return new StreamConnection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private SSLSocket handshake(Socket plain, Duration timeout) throws IOException {
        SSLSocket tls = (SSLSocket) context().getSocketFactory().createSocket(plain, host, port, true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.isEmpty() && !Character.isDigit(host.charAt(host.length() - 1)) && !host.contains(":")) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        tls.setSSLParameters(parameters);
        tls.setSoTimeout((int) timeout.toMillis());
        tls.startHandshake();
        return tls;
    }

    private SSLContext context() throws IOException {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            for (int i = 0; i < trustedCas.size(); i++) {
                trust.setCertificateEntry("ca-" + i, trustedCas.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("the TLS context could not be made: " + e.getMessage(), e);
        }
    }
}
