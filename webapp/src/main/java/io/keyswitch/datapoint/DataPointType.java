package io.keyswitch.datapoint;

/** What a data point holds; fixed when the point is first reported. Booleans are stored as 0/1 numbers. */
public enum DataPointType {
    NUMBER, BOOLEAN, TEXT
}
