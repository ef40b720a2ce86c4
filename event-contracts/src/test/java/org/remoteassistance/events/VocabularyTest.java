package org.remoteassistance.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The constants annotations need spell the enums exactly (the AsyncAPI document is checked in CloudEventCodecTest). */
class VocabularyTest {

    @Test
    void thePlatformConstantsNameEveryPlatformInOrder() {
        List<String> names = Arrays.stream(Platform.values()).map(Enum::name).toList();
        assertEquals(String.join(", ", names), Platform.NAMES);
        assertEquals(String.join("|", names), Platform.PATTERN);
    }

    @Test
    void callersMayEndASessionOnlyAsCompletedLostOrCancelled() {
        assertEquals(List.of(EndReason.COMPLETED, EndReason.CONNECTION_LOST, EndReason.CANCELLED),
                EndReason.givenByCallers());
        assertTrue(EndReason.givenByCaller("DECLINED").isEmpty());
        assertTrue(EndReason.givenByCaller("completed").isEmpty(), "names are exact");
    }

    @Test
    void theRulesListTheEnumsNames() {
        assertEquals(names(EndReason.values()), EventRules.END_REASONS);
        assertEquals(names(EndStatus.values()), EventRules.END_STATUSES);
        assertEquals(names(RejectReason.values()), EventRules.REJECT_REASONS);
        assertEquals(names(Platform.values()), EventRules.PLATFORMS);
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toList());
    }
}
