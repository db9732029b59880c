package io.keyswitch.workreport;

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
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A field of the account's own that every work report has: its name, kind, choices (for a choice) and whether it is required. */
@Entity
@Table(name = "work_report_field")
public class ExtraField {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id", nullable = false, updatable = false)
    private long accountId;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "name_key", nullable = false, length = 64)
    private String nameKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 8)
    private FieldKind kind;

    @Column(length = 2000)
    private String choices;

    @Column(nullable = false)
    private boolean required;

    @Column(nullable = false)
    private int position;

    @Convert(converter = UtcInstantConverter.class)
    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Version
    private long version;

    protected ExtraField() {
    }

    public ExtraField(long accountId, Instant createdAt) {
        this.accountId = accountId;
        this.createdAt = createdAt;
    }

    /** A field as a form shows it, not stored (for a new field's defaults and for unit tests). */
    public static ExtraField of(String name, FieldKind kind, String choices, boolean required) {
        ExtraField f = new ExtraField();
        f.name = name;
        f.kind = kind;
        f.choices = choices;
        f.required = required;
        return f;
    }

    /** The choices of a choice field, one per line, blank lines left out. */
    public List<String> choiceList() {
        if (choices == null) {
            return List.of();
        }
        return Arrays.stream(choices.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    void set(String name, String nameKey, FieldKind kind, String choices, boolean required, int position) {
        this.name = name;
        this.nameKey = nameKey;
        this.kind = kind;
        this.choices = choices;
        this.required = required;
        this.position = position;
    }

    public void setName(String name) {
        this.name = name;
    }

    public void setKind(FieldKind kind) {
        this.kind = kind;
    }

    public void setChoices(String choices) {
        this.choices = choices;
    }

    public void setRequired(boolean required) {
        this.required = required;
    }

    public void setPosition(int position) {
        this.position = position;
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

    public FieldKind getKind() {
        return kind;
    }

    public String getChoices() {
        return choices;
    }

    public boolean isRequired() {
        return required;
    }

    public int getPosition() {
        return position;
    }
}
