package org.remoteassistance.device;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.remoteassistance.testing.EventPlumbingContract;

@QuarkusTest
@QuarkusTestResource(DeviceTestResource.class)
class EventPlumbingTest extends EventPlumbingContract {
}
