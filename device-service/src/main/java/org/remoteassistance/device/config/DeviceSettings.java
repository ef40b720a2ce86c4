package org.remoteassistance.device.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "remote-assistance.devices")
public interface DeviceSettings {

    /** Paging of the device list. */
    Page page();

    interface Page {

        /** Devices per page when the caller does not say. */
        @WithDefault("20")
        int defaultSize();

        /** The largest page a caller may ask for: bigger pages are refused, not silently cut. */
        @WithDefault("100")
        int maxSize();
    }
}
