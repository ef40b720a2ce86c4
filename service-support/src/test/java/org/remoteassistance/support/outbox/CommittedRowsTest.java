package org.remoteassistance.support.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class CommittedRowsTest {

    private final CommittedRows rows = new CommittedRows(10, Duration.ofMinutes(1));

    @Test
    void rowsLeaveInPositionOrderWhateverOrderTheirTransactionsReportedIn() {
        committed(7, 8);
        committed(3, 4);
        committed(5);

        assertEquals(List.of(3L, 4L, 5L, 7L, 8L), positions(rows.next(100)));
        assertEquals(List.of(3L, 4L), positions(rows.next(2)));
    }

    @Test
    void aRowWaitsWhileATransactionWithSmallerPositionsHasNotFinishedCommitting() {
        rows.committing(3);
        committed(5, 6);

        // the transaction at 3 may be about the same session and must be sent first
        assertTrue(rows.next(100).isEmpty());

        rows.finished(3, rowsAt(3, 4));
        assertEquals(List.of(3L, 4L, 5L, 6L), positions(rows.next(100)));
    }

    @Test
    void aRolledBackTransactionHoldsNothingBackAndAddsNothing() {
        rows.committing(3);
        rows.committing(9);
        committed(5);
        rows.finished(3, List.of());

        // 9 is still committing, but it comes after 5
        assertEquals(List.of(5L), positions(rows.next(100)));
    }

    @Test
    void sentRowsAreForgotten() {
        committed(1, 2, 3);
        rows.sent(rows.next(2));

        assertEquals(List.of(3L), positions(rows.next(100)));
        assertFalse(rows.holds(1));
        assertTrue(rows.holds(3));
    }

    @Test
    void theGapClosesOnlyAfterATableReadThatBeganAfterTheLastDrop() {
        assertTrue(rows.gap(), "at start the table may hold rows a crash left");
        long before = rows.drops();
        rows.dropAll();
        rows.closeGap(before);
        assertTrue(rows.gap(), "rows were dropped while the table was read: that read may have missed them");

        rows.closeGap(rows.drops());
        assertFalse(rows.gap());
    }

    @Test
    void tooManyWaitingRowsAreLeftToTheTable() {
        rows.closeGap(rows.drops());
        committed(LongStream.rangeClosed(1, 8).toArray());
        committed(9, 10, 11);

        assertTrue(rows.gap());
        assertTrue(rows.next(100).isEmpty(), "the table gives them now, in order");
    }

    @Test
    void aTransactionWhoseEndIsNeverReportedStopsHoldingBackAndOpensAGap() throws InterruptedException {
        CommittedRows quick = new CommittedRows(10, Duration.ofMillis(1));
        quick.closeGap(quick.drops());
        quick.committing(3);
        Thread.sleep(20);

        assertTrue(quick.next(100).isEmpty());
        assertTrue(quick.gap(), "its rows, if it did commit, are read from the table");
        quick.finished(3, rowsAt(3));
        assertFalse(quick.holds(3));
    }

    private void committed(long... positions) {
        rows.committing(positions[0]);
        rows.finished(positions[0], rowsAt(positions));
    }

    private static List<OutboxMessage> rowsAt(long... positions) {
        return LongStream.of(positions).mapToObj(position -> new OutboxMessage(position, "event-" + position,
                "DeviceRegistered", "remote-assistance.devices", "key", "/test", "1.0", Instant.EPOCH, "{}", null)).toList();
    }

    private static List<Long> positions(List<OutboxMessage> messages) {
        return messages.stream().map(OutboxMessage::position).toList();
    }
}
