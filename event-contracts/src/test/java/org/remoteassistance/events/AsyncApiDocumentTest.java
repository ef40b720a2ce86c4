package org.remoteassistance.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.asyncapi.v3._0_0.model.AsyncAPI;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract document ({@code asyncapi.yaml}) is a valid AsyncAPI 3.0 document, read strictly into the
 * specification's own model (asyncapi-core: an unknown or misplaced field fails), and it names every topic and event
 * type the code knows. That the events the services publish match its schemas is checked end to end
 * ({@code PublishedEventsConformIT}).
 */
class AsyncApiDocumentTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theDocumentIsAValidAsyncApi3Document() throws IOException {
        AsyncAPI document = YAML.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(raw(), AsyncAPI.class);

        assertEquals("3.0.0", document.getAsyncapi());
        assertNotNull(document.getInfo());
        assertTrue(document.getChannels().size() >= Topics.class.getFields().length);
    }

    @Test
    void everyReferenceResolves() throws IOException {
        JsonNode document = YAML.readTree(raw());
        List<String> unresolved = new ArrayList<>();
        collectRefs(document, document, unresolved);
        assertEquals(List.of(), unresolved, "references that point nowhere");
    }

    @Test
    void everyTopicHasAChannelAndEveryEventTypeAMessageOnIt() throws Exception {
        JsonNode document = YAML.readTree(raw());
        Map<String, Set<String>> messagesByAddress = new java.util.HashMap<>();
        document.path("channels").fields().forEachRemaining(channel -> {
            Set<String> names = new HashSet<>();
            channel.getValue().path("messages").fields().forEachRemaining(message -> names.add(
                    resolve(document, message.getValue()).path("name").asText()));
            messagesByAddress.put(channel.getValue().path("address").asText(), names);
        });

        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String topic = (String) field.get(null);
                assertTrue(messagesByAddress.containsKey(topic), "no channel for " + field.getName() + " " + topic);
            }
        }
        for (EventType<?> type : EventType.ALL) {
            assertTrue(messagesByAddress.getOrDefault(type.topic(), Set.of()).contains(type.name()),
                    type.name() + " is not a message of the channel " + type.topic());
        }
        assertTrue(messagesByAddress.get(Topics.SESSION_AUDIT).contains("SessionAuditRecorded"));
    }

    private static void collectRefs(JsonNode root, JsonNode node, List<String> unresolved) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && resolve(root, node).isMissingNode()) {
                unresolved.add(ref.asText());
            }
            node.elements().forEachRemaining(child -> collectRefs(root, child, unresolved));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collectRefs(root, child, unresolved));
        }
    }

    /** The node a local {@code $ref} points at, or the node itself. */
    static JsonNode resolve(JsonNode root, JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        return root.at(ref.asText().substring(1));
    }

    private static byte[] raw() throws IOException {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/asyncapi.yaml")) {
            return in.readAllBytes();
        }
    }
}
