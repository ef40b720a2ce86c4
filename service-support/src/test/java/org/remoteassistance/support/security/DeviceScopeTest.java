package org.remoteassistance.support.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DeviceScopeTest {

    @Test
    void aScopedHelpDeskReachesOnlyDevicesWithOneOfItsTags() {
        DeviceScope scope = DeviceScope.of(List.of("emea", "finance"));

        assertTrue(scope.covers(List.of("finance")));
        assertTrue(scope.covers(List.of("apac", "emea")));
        assertFalse(scope.covers(List.of("apac")));
        assertFalse(scope.covers(List.of()), "a device without tags is outside every scope");
        assertFalse(scope.covers(null));
        assertFalse(DeviceScope.of(List.of()).covers(List.of("emea")), "no tags reach no device");
    }

    @Test
    void everyDeviceIsWithinTheScopeOfAllDevices() {
        assertTrue(DeviceScope.ALL.covers(List.of()));
        assertTrue(DeviceScope.ALL.covers(null));
        assertTrue(DeviceScope.ALL.isAll());
        assertThrows(IllegalStateException.class, DeviceScope.ALL::tags);
    }

    @Test
    void theClaimIsAJsonArrayOrAStringOfTags() {
        assertEquals(Set.of("emea", "finance"),
                DeviceScope.fromClaim(Json.createArrayBuilder().add("emea").add("finance").build()).tags());
        assertEquals(Set.of("emea", "finance"), DeviceScope.fromClaim("emea finance").tags());
        assertEquals(Set.of("emea", "finance"), DeviceScope.fromClaim(" emea,finance ").tags());
        assertEquals(Set.of("emea"), DeviceScope.fromClaim(Json.createValue("emea")).tags());
        assertEquals(Set.of(), DeviceScope.fromClaim(Json.createArrayBuilder().build()).tags());
        assertFalse(DeviceScope.fromClaim("").isAll(), "an empty claim is a scope of no devices, not of all");
    }

    @Test
    void aClaimNamingATagNoDeviceCouldCarryIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DeviceScope.fromClaim("emea -finance"));
        assertThrows(IllegalArgumentException.class,
                () -> DeviceScope.fromClaim(Json.createArrayBuilder().add("emea").add(7).build()));
        assertThrows(IllegalArgumentException.class,
                () -> DeviceScope.fromClaim(IntStream.rangeClosed(0, DeviceScope.MAX_TAGS).mapToObj(i -> "t" + i)
                        .toList()));
    }
}
