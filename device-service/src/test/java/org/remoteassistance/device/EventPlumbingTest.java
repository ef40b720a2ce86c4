package org.remoteassistance.device;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.remoteassistance.localstack.LocalStackTestResource;
import org.remoteassistance.testing.EventPlumbingContract;

@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class EventPlumbingTest extends EventPlumbingContract {
}
