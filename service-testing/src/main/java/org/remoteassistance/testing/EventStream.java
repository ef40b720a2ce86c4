package org.remoteassistance.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server-sent event stream (a device's Company Portal stream), read on a thread of its own as a browser's
 * EventSource would: the test takes its events' data one at a time, and closing it hangs up.
 */
public final class EventStream implements AutoCloseable {

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    private EventStream(CompletableFuture<HttpResponse<Stream<String>>> response) {
        this.response = response;
    }

    /** Opens the stream at {@code uri} with the {@code Authorization} header given. */
    public static EventStream open(URI uri, String authorization) {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
                .header("Authorization", authorization).GET().build();
        EventStream stream = new EventStream(HttpClient.newHttpClient().sendAsync(request,
                HttpResponse.BodyHandlers.ofLines()));
        Thread reader = new Thread(() -> {
            try {
                stream.response.join().body().forEach(line -> {
                    stream.received.add(line);
                    stream.lines.add(line);
                });
            } catch (RuntimeException closed) {
                // the test hung up
            }
        }, "event-stream-reader");
        reader.setDaemon(true);
        reader.start();
        return stream;
    }

    /** The data of the next event, or null if none arrives in time. */
    public String nextData(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith("data:")) {
                return line.substring("data:".length()).trim();
            }
        }
        return null;
    }

    /** Every line received so far, events' data and all. */
    public List<String> received() {
        return List.copyOf(received);
    }

    /** The response's status and headers, once they came. */
    public HttpResponse<Stream<String>> response() throws InterruptedException, ExecutionException {
        return response.get();
    }

    @Override
    public void close() {
        response.thenAccept(open -> open.body().close());
    }
}
