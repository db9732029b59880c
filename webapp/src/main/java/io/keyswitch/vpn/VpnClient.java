package io.keyswitch.vpn;

import io.keyswitch.platform.UtcInstantConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A VPN identity: a device or a technician's profile, with its certificate CN and its stable tunnel host number. */
@Entity
@Table(name = "vpn_client")
public class VpnClient {

    /** What dials in. */
    public enum Kind {
        DEVICE, TECHNICIAN
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private long accountId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16, updatable = false)
    private Kind kind;

    @Column(name = "device_id")
    private Long deviceId;

    @Column(name = "user_id")
    private Long userId;

    @Column(name = "common_name", nullable = false, length = 64, updatable = false)
    private String commonName;

    @Column(name = "tunnel_host", nullable = false, updatable = false)
    private int tunnelHost;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected VpnClient() {
    }

    public VpnClient(long accountId, Kind kind, Long deviceId, Long userId, String commonName, int tunnelHost,
                     Instant createdAt) {
        this.accountId = accountId;
        this.kind = kind;
        this.deviceId = deviceId;
        this.userId = userId;
        this.commonName = commonName;
        this.tunnelHost = tunnelHost;
        this.createdAt = createdAt;
    }

    /** The CN of a device's certificate: unique on the appliance, and what the router sends as its user name. */
    public static String deviceCommonName(long deviceId) {
        return "device-" + deviceId;
    }

    public static String technicianCommonName(long userId) {
        return "user-" + userId;
    }

    /** The user id a technician's CN names ({@code user-42} → 42); empty for any other CN. */
    public static java.util.Optional<Long> technicianOf(String commonName) {
        if (commonName == null || !commonName.matches("user-[1-9][0-9]{0,17}")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Long.parseLong(commonName.substring(5)));
    }

    public Long getId() {
        return id;
    }

    public long getAccountId() {
        return accountId;
    }

    public Kind getKind() {
        return kind;
    }

    public Long getDeviceId() {
        return deviceId;
    }

    public Long getUserId() {
        return userId;
    }

    public String getCommonName() {
        return commonName;
    }

    public int getTunnelHost() {
        return tunnelHost;
    }
}
