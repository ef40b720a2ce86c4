package org.remoteassistance.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.remoteassistance.events.CloudEventCodec;

/**
 * Every event the services really published (the whole run's, on every channel of {@code asyncapi.yaml}) matches the
 * document: its type is a message of the channel it was published on, its {@code ce_*} headers match the CloudEvents
 * trait and its value matches the message's payload schema. A journey of its own first makes sure every kind of event
 * is there, whichever tests ran before.
 */
class PublishedEventsConformIT {

    static final Duration WAIT = Duration.ofSeconds(90);
    /** The sources of the events the services publish themselves; tests publish under other names. */
    static final Set<String> SERVICE_SOURCES = Set.of("/device-service", "/session-service", "/notification-service",
            "/connector-service");

    static RunningSystem system;
    static Api api;

    @BeforeAll
    static void startSystem() {
        FaultTests.startSystem();
        system = FaultTests.system;
        api = FaultTests.api;
    }

    @Test
    void everyEventTheServicesPublishMatchesTheContractDocument() throws Exception {
        String deviceId = api.knownDevices("conformance", 1, WAIT).get(0);
        String sessionId = api.requestSession(deviceId);
        api.awaitAcknowledgedAndNotified(sessionId, WAIT);
        api.startAllowEnd(sessionId, deviceId, "COMPLETED");
        api.awaitOverview(deviceId, "ENDED", WAIT);
        api.expect(204, "DELETE", "device", "/api/devices/" + deviceId, null);

        // SnakeYAML resolves the document's anchors and aliases (the shared plain-text pattern); Jackson's YAML
        // parser would read an alias as its name
        JsonNode document = CloudEventCodec.json().valueToTree(new org.yaml.snakeyaml.Yaml().load(
                new String(asyncApi(), java.nio.charset.StandardCharsets.UTF_8)));
        SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
        Schema headers = schemas.getSchema(resolve(document,
                document.at("/components/messageTraits/cloudEvent/headers")));
        List<String> violations = new ArrayList<>();
        Map<String, Integer> checked = new HashMap<>();
        Set<String> seen = new TreeSet<>();
        ObjectMapper json = CloudEventCodec.json();

        for (JsonNode channel : iterable(document.path("channels"))) {
            String topic = channel.path("address").asText();
            Map<String, Schema> payloads = new HashMap<>();
            for (JsonNode reference : iterable(channel.path("messages"))) {
                JsonNode message = resolve(document, reference);
                payloads.put(message.path("name").asText(),
                        schemas.getSchema(resolve(document, message.path("payload"))));
            }
            if (payloads.isEmpty()) {
                continue; // the dead-letter topic carries other topics' records unchanged
            }
            for (ConsumerRecord<String, String> record : TopicReader.readAll(system.kafka(), topic)) {
                Map<String, String> attributes = TopicReader.headers(record);
                // the services publish in binary mode, the source in a header; another test's structured-mode or
                // broken record has none
                String source = attributes.get(CloudEventCodec.HEADER_SOURCE);
                if (source == null || !SERVICE_SOURCES.contains(source)) {
                    continue;
                }
                String type = attributes.get(CloudEventCodec.HEADER_TYPE);
                String where = type + " " + topic + "@" + record.partition() + ":" + record.offset();
                seen.add(type);
                checked.merge(topic, 1, Integer::sum);
                Schema payload = payloads.get(type);
                if (payload == null) {
                    violations.add(where + ": not a message of this channel");
                    continue;
                }
                ObjectNode headerValues = json.createObjectNode();
                attributes.forEach(headerValues::put);
                headers.validate(headerValues).forEach(error -> violations.add(where + " headers: " + error));
                payload.validate(json.readTree(record.value()))
                        .forEach(error -> violations.add(where + ": " + error));
            }
        }

        System.out.printf("Published events checked against asyncapi.yaml: %s%n", checked);
        assertEquals(List.of(), violations, "published events that do not match the contract document");
        assertTrue(seen.containsAll(Set.of("SessionRequested", "SessionAcknowledged", "SessionStarted",
                "SessionEnded", "NotificationIssued", "DeviceRegistered", "DeviceRetired", "SessionAuditRecorded")),
                "event types checked: " + seen);
    }

    /** The node a local {@code $ref} points at, or the node itself. */
    private static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : document.at(ref.asText().substring(1));
    }

    private static Iterable<JsonNode> iterable(JsonNode object) {
        List<JsonNode> values = new ArrayList<>();
        object.elements().forEachRemaining(values::add);
        return values;
    }

    private static byte[] asyncApi() throws IOException {
        try (InputStream in = CloudEventCodec.class.getResourceAsStream("/asyncapi.yaml")) {
            return in.readAllBytes();
        }
    }
}
