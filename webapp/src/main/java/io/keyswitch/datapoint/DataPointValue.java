package io.keyswitch.datapoint;

import io.keyswitch.platform.UtcInstantConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One raw value in a data point's history, keyed by (data point, time). Written once, never changed. */
@Entity
@Table(name = "data_point_value")
@IdClass(DataPointValue.Key.class)
public class DataPointValue {

    @Id
    @Column(name = "data_point_id", nullable = false, updatable = false)
    private long dataPointId;

    @Id
    @Convert(converter = UtcInstantConverter.class)
    @Column(nullable = false, updatable = false)
    private Instant at;

    @Column(name = "number_value", updatable = false)
    private Double number;

    @Column(name = "text_value", length = 255, updatable = false)
    private String text;

    protected DataPointValue() {
    }

    public DataPointValue(long dataPointId, Instant at, Reading r) {
        this.dataPointId = dataPointId;
        this.at = at;
        this.number = r.number();
        this.text = r.text();
    }

    public long getDataPointId() {
        return dataPointId;
    }

    public Instant getAt() {
        return at;
    }

    public Double getNumber() {
        return number;
    }

    public String getText() {
        return text;
    }

    /** The primary key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private long dataPointId;
        private Instant at;

        public Key() {
        }

        public Key(long dataPointId, Instant at) {
            this.dataPointId = dataPointId;
            this.at = at;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.dataPointId == dataPointId && Objects.equals(k.at, at);
        }

        @Override
        public int hashCode() {
            return Objects.hash(dataPointId, at);
        }
    }
}
