package org.remoteassistance.device.rest;

import java.util.List;

/** One page of <em>All devices</em>: the devices on it, how many match in all, and which page this is. */
public record DeviceList(List<DeviceView> items, long total, int page, int size) {
}
