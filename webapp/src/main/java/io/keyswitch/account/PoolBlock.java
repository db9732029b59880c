package io.keyswitch.account;

import io.keyswitch.platform.Ipv4Subnet;
import io.keyswitch.platform.UtcInstantConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One block of an account's virtual pool: its devices' virtual subnets come from its blocks, its OpenVPN server routes
 * them. {@code grown}: the portal added it because the pool was full.
 */
@Entity
@Table(name = "account_pool_block")
public class PoolBlock {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false)
    private long accountId;

    @Column(nullable = false, length = 18)
    private String block;

    @Column(name = "first_address", nullable = false)
    private long firstAddress;

    @Column(name = "last_address", nullable = false)
    private long lastAddress;

    @Column(nullable = false)
    private boolean grown;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected PoolBlock() {
    }

    public PoolBlock(long accountId, Ipv4Subnet block, boolean grown, Instant createdAt) {
        this.accountId = accountId;
        this.block = block.toString();
        this.firstAddress = block.network();
        this.lastAddress = block.broadcast();
        this.grown = grown;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public long getAccountId() {
        return accountId;
    }

    public Ipv4Subnet subnet() {
        return new Ipv4Subnet(firstAddress, 32 - Long.numberOfTrailingZeros(lastAddress - firstAddress + 1));
    }

    public String getBlock() {
        return block;
    }

    public boolean isGrown() {
        return grown;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
