package io.keyswitch.vpn;

import io.keyswitch.platform.UtcInstantConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A device's live VPN status: online or offline since when, its addresses, bytes and when it was last seen. */
@Entity
@Table(name = "device_vpn_status")
public class DeviceVpnStatus {

    @Id
    @Column(name = "device_id")
    private long deviceId;

    @Column(name = "account_id", nullable = false)
    private long accountId;

    @Column(nullable = false)
    private boolean online;

    @Convert(converter = UtcInstantConverter.class)
    @Column(nullable = false)
    private Instant since;

    @Column(name = "wan_address", length = 45)
    private String wanAddress;

    @Column(name = "tunnel_address", length = 15)
    private String tunnelAddress;

    @Column(name = "bytes_in", nullable = false)
    private long bytesIn;

    @Column(name = "bytes_out", nullable = false)
    private long bytesOut;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "last_seen")
    private Instant lastSeen;

    @Column(name = "instance_name", length = 32)
    private String instanceName;

    @Column(name = "cid")
    private Long cid;

    protected DeviceVpnStatus() {
    }

    public DeviceVpnStatus(long deviceId, long accountId, Instant since) {
        this.deviceId = deviceId;
        this.accountId = accountId;
        this.since = since;
    }

    /** Online from {@code since}, with its addresses and byte counts so far. */
    public void online(String instance, long cid, Instant since, String wan, String tunnel, long in, long out, Instant seen) {
        this.online = true;
        this.instanceName = instance;
        this.cid = cid;
        this.since = since;
        this.wanAddress = wan;
        this.tunnelAddress = tunnel;
        this.bytesIn = in;
        this.bytesOut = out;
        this.lastSeen = seen;
    }

    /** Offline from {@code at}; addresses and final byte counts stay for the record. */
    public void offline(Instant at, Long finalIn, Long finalOut) {
        this.online = false;
        this.since = at;
        this.lastSeen = at;
        this.cid = null;
        if (finalIn != null) {
            this.bytesIn = finalIn;
        }
        if (finalOut != null) {
            this.bytesOut = finalOut;
        }
    }

    public long getDeviceId() {
        return deviceId;
    }

    public long getAccountId() {
        return accountId;
    }

    public boolean isOnline() {
        return online;
    }

    public Instant getSince() {
        return since;
    }

    public String getWanAddress() {
        return wanAddress;
    }

    public String getTunnelAddress() {
        return tunnelAddress;
    }

    public long getBytesIn() {
        return bytesIn;
    }

    public long getBytesOut() {
        return bytesOut;
    }

    public Instant getLastSeen() {
        return lastSeen;
    }

    public String getInstanceName() {
        return instanceName;
    }

    public Long getCid() {
        return cid;
    }
}
