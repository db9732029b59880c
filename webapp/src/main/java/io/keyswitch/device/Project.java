package io.keyswitch.device;

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

/** A folder of devices of one account: a plant, a customer, a machine line. */
@Entity
@Table(name = "project")
public class Project {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private long accountId;

    @Column(nullable = false, length = 100)
    private String name;

    /** The name's {@link io.keyswitch.platform.NameKey}: what uniqueness and lookups compare. */
    @Column(name = "name_key", nullable = false, length = 64)
    private String nameKey;

    @Column(length = 1000)
    private String description;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected Project() {
    }

    public Project(long accountId, String name, Instant createdAt) {
        this.accountId = accountId;
        this.name = name;
        this.nameKey = io.keyswitch.platform.NameKey.of(name);
        this.createdAt = createdAt;
    }

    public java.time.Instant getCreatedAt() {
        return createdAt;
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

    public void setName(String name) {
        this.name = name;
        this.nameKey = io.keyswitch.platform.NameKey.of(name);
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }
}
