package org.remoteassistance.connector;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.remoteassistance.testing.EventPlumbingContract;
import org.remoteassistance.testing.ServiceTestResource;

@QuarkusTest
@QuarkusTestResource(ServiceTestResource.class)
class EventPlumbingTest extends EventPlumbingContract {
}
