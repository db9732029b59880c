-- Data point history (issue 14): hourly aggregates of the raw values, and how far each point's values are aggregated.

-- One row per data point and hour (UTC, the hour's start) in which it has raw values: min, max, sum and count of its
-- numbers (booleans as 0/1, so avg is the share of samples "on"); for text points only the count. Sum and count, not
-- the average, so that days are summed from hours exactly. Keyed by (data point, hour): one point's aggregates are one
-- contiguous range of the clustered index, so a chart of a year reads 8,760 adjacent rows, the job's upserts of the
-- hours just past go to the end of each point's range, and retention deletes the start of each range.
CREATE TABLE data_point_hour (
    data_point_id BIGINT      NOT NULL,
    hour          DATETIME    NOT NULL,
    min_value     DOUBLE      NULL,
    max_value     DOUBLE      NULL,
    sum_value     DOUBLE      NULL,
    value_count   INT         NOT NULL,
    PRIMARY KEY (data_point_id, hour),
    CONSTRAINT fk_data_point_hour_point FOREIGN KEY (data_point_id) REFERENCES data_point (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- How far the aggregates job has taken each point: the point's stored_at when the job last aggregated it. A point
-- whose stored_at is later has new raw values (always later than this), so the job recomputes its hours from the hour
-- of this time on. A table of its own, so that the job never locks the data_point rows reports update.
CREATE TABLE data_point_rollup (
    data_point_id BIGINT      NOT NULL,
    through       DATETIME(3) NOT NULL,
    PRIMARY KEY (data_point_id),
    CONSTRAINT fk_data_point_rollup_point FOREIGN KEY (data_point_id) REFERENCES data_point (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
