package org.remoteassistance.session;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.remoteassistance.testing.EventPlumbingContract;

@QuarkusTest
@QuarkusTestResource(SessionTestResource.class)
class EventPlumbingTest extends EventPlumbingContract {
}
