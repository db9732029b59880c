package io.keyswitch.device;

/**
 * What a device table asks for: a filter (name or serial number prefix), a sort and a window.
 *
 * @param filter text the name or the serial number starts with, or blank for all
 * @param sortField {@code name}, {@code serialNumber}, {@code lanSubnet}, {@code virtualSubnet} or {@code createdAt}
 */
public record DevicePage(String filter, String sortField, boolean ascending, int first, int size) {
}
