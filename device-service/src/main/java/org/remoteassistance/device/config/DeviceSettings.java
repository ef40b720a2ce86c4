package org.remoteassistance.device.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "remote-assistance.devices")
public interface DeviceSettings {

    /** Paging of the device list. */
    Page page();

    /** What the session events of other services are allowed to say. */
    SessionEvents sessionEvents();

    interface Page {

        /** Devices per page when the caller does not say. */
        @WithDefault("20")
        int defaultSize();

        /** The largest page a caller may ask for: bigger pages are refused, not silently cut. */
        @WithDefault("100")
        int maxSize();
    }

    interface SessionEvents {

        /**
         * How far ahead of this service's clock an event's time may be. The overview shows a device's newest session
         * by request time, so one event dated far ahead would hide every later session of its device; a little skew
         * between the services' clocks is tolerated.
         */
        @WithDefault("PT5M")
        Duration maxClockSkew();
    }
}
