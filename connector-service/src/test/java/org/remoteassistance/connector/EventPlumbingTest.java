package org.remoteassistance.connector;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.remoteassistance.testing.EventPlumbingContract;

@QuarkusTest
@QuarkusTestResource(ConnectorTestResource.class)
class EventPlumbingTest extends EventPlumbingContract {
}
