package io.keyswitch.bench;

import io.keyswitch.testing.ApiClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/** What the API benchmarks share: timing calls as percentiles, seeding devices, reading ids and the portal's RSS. */
final class ApiTimings {

    private ApiTimings() {
    }

    /** Times {@code runs} calls after 30 warm-up calls and prints p50, p95 and max; every answer must be 200. */
    static void measure(String what, int runs, Supplier<ApiClient.Answer> call) {
        for (int i = 0; i < 30; i++) {
            check(call.get());
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            check(call.get());
            ms.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(ms);
        System.out.printf("%-55s p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms  (%d runs)%n", what,
                ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.95) - 1), ms.get(ms.size() - 1), runs);
    }

    private static void check(ApiClient.Answer answer) {
        if (answer.status() != 200) {
            throw new IllegalStateException("HTTP " + answer.status() + ": " + answer.body());
        }
    }

    /** Inserts {@code count} active devices "Device 00000"… with /24 LANs and distinct virtual subnets (one batch). */
    static void devices(Connection c, long account, int count, LocalDateTime now) throws Exception {
        try (PreparedStatement d = c.prepareStatement("INSERT INTO device (account_id, name, name_key, serial_number, lan_subnet, "
                + "virtual_subnet, status, created_at) VALUES (?, ?, ?, ?, '192.168.0.0/24', ?, 'ACTIVE', ?)")) {
            long base = (100L << 24) | (64L << 16);
            for (int i = 0; i < count; i++) {
                long net = base + ((long) i << 8);
                d.setLong(1, account);
                d.setString(2, String.format("Device %05d", i));
                d.setString(3, io.keyswitch.platform.NameKey.of(String.format("Device %05d", i)));
                d.setString(4, String.format("SN%07d", i));
                d.setString(5, ((net >> 24) & 255) + "." + ((net >> 16) & 255) + "." + ((net >> 8) & 255) + ".0/24");
                d.setObject(6, now);
                d.addBatch();
            }
            d.executeBatch();
        }
    }

    static List<Long> ids(Connection c, String sql) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (var rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    static long rssMiB(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }
}
