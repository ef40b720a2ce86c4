package org.remoteassistance.support.shutdown;

import io.quarkus.arc.Unremovable;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.BiConsumer;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * The consumers' failure strategy ({@code failure-strategy=dead-letter-queue-unless-stopping}): SmallRye's dead-letter
 * queue, except while the service stops. Then a record fails because of the shutdown, not because of what it says: its
 * worker pool no longer takes work, or its handling was interrupted. Such a record is neither dead-lettered nor
 * acknowledged; its offset stays uncommitted and the next instance consumes it again.
 */
@ApplicationScoped
@Unremovable // looked up by SmallRye by its identifier, injected nowhere
@Identifier(DeadLettersUnlessStopping.STRATEGY)
public class DeadLettersUnlessStopping implements KafkaFailureHandler.Factory {

    public static final String STRATEGY = "dead-letter-queue-unless-stopping";
    private static final Logger LOG = Logger.getLogger(DeadLettersUnlessStopping.class);

    @Inject
    @Identifier("dead-letter-queue")
    KafkaFailureHandler.Factory deadLetterQueue;

    @Inject
    ConsumerDrain drain;

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx,
            KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
        KafkaFailureHandler deadLetters = deadLetterQueue.create(config, vertx, consumer, reportFailure);
        return new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                if (drain.stopping()) {
                    LOG.infof("Stopping: %s-%d@%d is left to the next start (%s)", record.getTopic(),
                            record.getPartition(), record.getOffset(), reason);
                    return Uni.createFrom().voidItem();
                }
                return deadLetters.handle(record, reason, metadata);
            }

            @Override
            public void terminate() {
                deadLetters.terminate();
            }
        };
    }
}
