package org.remoteassistance.device.service;

import java.util.List;
import org.remoteassistance.device.domain.Device;

/** One page of a search, and how many devices match in all. */
public record DevicePage(List<Device> items, long total) {
}
