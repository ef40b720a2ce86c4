package org.remoteassistance.notification.domain;

import java.util.List;
import java.util.Optional;
import org.remoteassistance.events.Platform;

/**
 * How the person at the device gets the TeamViewer app, opens it with the session code and allows the session: the
 * steps of the Company Portal help page, worded for the device's platform.
 */
public final class PartnerAppInstructions {

    private static final String IGNORE_BROWSER = " You can ignore any web page that opens on the TeamViewer website.";

    private PartnerAppInstructions() {
    }

    /** Numbered steps, one per line. An unknown platform gets steps that hold on any device. */
    public static String forPlatform(Optional<Platform> platform, String sessionCode) {
        String opens = "The TeamViewer app opens with the session code " + sessionCode
                + ", which authenticates the connection with your IT administrator.";
        String allow = "When you are asked whether to allow the remote assistance session to start, allow it.";
        // TeamViewer has no store or QuickSupport build for Linux: it gets the steps that hold on any device
        List<String> steps = switch (platform.orElse(Platform.LINUX)) {
            case WINDOWS -> List.of(
                    "Select the link to download the TeamViewer QuickSupport binary for Windows, then select Run."
                            + IGNORE_BROWSER,
                    "Accept the prompt to let the TeamViewer app make changes to this device.",
                    opens,
                    allow);
            case MACOS -> List.of(
                    "Select the link to download TeamViewer QuickSupport for macOS, then open it." + IGNORE_BROWSER,
                    "If macOS asks, give TeamViewer the screen recording and accessibility access it requests.",
                    opens,
                    allow);
            case IOS -> List.of(
                    "Select the link to get TeamViewer QuickSupport from the App Store, then open it.",
                    opens,
                    allow);
            case ANDROID -> List.of(
                    "Select the link to get TeamViewer QuickSupport from the Google Play Store, then open it.",
                    opens,
                    allow);
            case LINUX -> List.of(
                    "Select the link to download the TeamViewer app for this device, then open it." + IGNORE_BROWSER,
                    opens,
                    allow);
        };
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < steps.size(); i++) {
            if (i > 0) {
                text.append('\n');
            }
            text.append(i + 1).append(". ").append(steps.get(i));
        }
        return text.toString();
    }
}
