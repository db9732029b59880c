package io.keyswitch.vpn;

import io.keyswitch.platform.UtcInstantConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** One account's OpenVPN server: name, UDP port, tunnel subnet, server certificate, encrypted keys, CRL number. */
@Entity
@Table(name = "vpn_instance")
public class VpnInstance {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private long accountId;

    @Column(nullable = false, length = 32, updatable = false)
    private String name;

    @Column(nullable = false)
    private int port;

    @Column(name = "tunnel_subnet", nullable = false, length = 18)
    private String tunnelSubnet;

    @Column(name = "server_cn", nullable = false, length = 64)
    private String serverCommonName;

    @Column(name = "server_cert_pem", nullable = false)
    private String serverCertificatePem;

    @Column(name = "server_key_enc", nullable = false)
    private String serverKeyEncrypted;

    @Column(name = "tls_crypt_enc", nullable = false)
    private String tlsCryptEncrypted;

    @Column(name = "crl_number", nullable = false)
    private long crlNumber = 1;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected VpnInstance() {
    }

    public VpnInstance(long accountId, String name, int port, String tunnelSubnet, String serverCommonName,
                       String serverCertificatePem, String serverKeyEncrypted, String tlsCryptEncrypted, Instant createdAt) {
        this.accountId = accountId;
        this.name = name;
        this.port = port;
        this.tunnelSubnet = tunnelSubnet;
        this.serverCommonName = serverCommonName;
        this.serverCertificatePem = serverCertificatePem;
        this.serverKeyEncrypted = serverKeyEncrypted;
        this.tlsCryptEncrypted = tlsCryptEncrypted;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public long getAccountId() {
        return accountId;
    }

    public String getName() {
        return name;
    }

    public int getPort() {
        return port;
    }

    public String getTunnelSubnet() {
        return tunnelSubnet;
    }

    public String getServerCommonName() {
        return serverCommonName;
    }

    public String getServerCertificatePem() {
        return serverCertificatePem;
    }

    public String getServerKeyEncrypted() {
        return serverKeyEncrypted;
    }

    public String getTlsCryptEncrypted() {
        return tlsCryptEncrypted;
    }

    public long getCrlNumber() {
        return crlNumber;
    }

    /** The next CRL's number: numbers must increase. */
    public long nextCrlNumber() {
        return ++crlNumber;
    }
}
