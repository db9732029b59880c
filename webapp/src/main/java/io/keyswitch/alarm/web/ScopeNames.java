package io.keyswitch.alarm.web;

import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a rule or alarm group watches, in words ("every device", "project Kilns", "device Kiln 2"), for the rows of a
 * page: the account's project names, and the names of the devices of the rows loaded so far (read once per page).
 */
final class ScopeNames implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Reads the names of these devices of the account. */
    @FunctionalInterface
    interface DeviceNames extends Serializable {
        Map<Long, String> of(Collection<Long> ids);
    }

    private final Map<Long, String> devices = new HashMap<>();
    private Map<Long, String> projects = Map.of();

    void projects(Map<Long, String> projects) {
        this.projects = projects;
    }

    Map<Long, String> projects() {
        return projects;
    }

    /** Reads the names of the devices the rows of a page name ({@code deviceOf}), and hands the page on. */
    <T> List<T> named(List<T> page, Function<T, Long> deviceOf, DeviceNames read) {
        Set<Long> ids = page.stream().map(deviceOf).filter(Objects::nonNull).filter(id -> !devices.containsKey(id))
                .collect(Collectors.toSet());
        if (!ids.isEmpty()) {
            devices.putAll(read.of(ids));
        }
        return page;
    }

    /** The device's name as last read, or null. */
    String device(Long deviceId) {
        return deviceId == null ? null : devices.get(deviceId);
    }

    /** One device, one project's devices, or (neither) every device, in words. */
    String of(Long deviceId, Long projectId) {
        if (deviceId != null) {
            return "device " + devices.getOrDefault(deviceId, String.valueOf(deviceId));
        }
        return projectId != null ? "project " + projects.getOrDefault(projectId, String.valueOf(projectId)) : "every device";
    }
}
