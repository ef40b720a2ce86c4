package org.remoteassistance.support.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outbox rows this instance committed, handed to the relay from memory so that it need not read them back.
 * <p>
 * Positions are drawn when a transaction writes its rows, before it commits. Two transactions about the same key
 * serialise on a lock (the session's row, the inbox), so the later one draws larger positions and commits later:
 * sending in position order keeps per-key order. A row is held back while a transaction with a smaller first position
 * has written its rows but not finished committing, because its rows may still come.
 * <p>
 * There is a <em>gap</em> when the table may hold rows this memory lacks: at start (rows a crash left), while another
 * instance relays, when rows were dropped because too many waited (a long broker outage). During a gap the relay reads
 * the table instead; the gap closes when a reading of the table that began after the last dropped row found it empty.
 */
final class CommittedRows {

    private final int capacity;
    private final long staleNanos;
    private final TreeMap<Long, OutboxMessage> ready = new TreeMap<>();
    /** First position of each transaction that wrote rows and has not finished committing, with since when. */
    private final TreeMap<Long, Long> committing = new TreeMap<>();
    private boolean gap = true;
    private long drops;

    /**
     * @param staleAfter how long a transaction may take to finish committing before its rows are left to the table
     *                   (a gap opens), so that a transaction whose end was never reported cannot hold back the rest
     */
    CommittedRows(int capacity, Duration staleAfter) {
        this.capacity = capacity;
        this.staleNanos = staleAfter.toNanos();
    }

    /** A transaction wrote rows from {@code firstPosition} on and is about to commit. */
    synchronized void committing(long firstPosition) {
        committing.put(firstPosition, System.nanoTime());
    }

    /** That transaction finished: its rows if it committed, none if it rolled back. */
    synchronized void finished(long firstPosition, List<OutboxMessage> committed) {
        if (committing.remove(firstPosition) == null || committed.isEmpty()) {
            // not awaited (any more): its rows, if it committed, are the table's to give
            return;
        }
        if (ready.size() + committed.size() > capacity) {
            dropAll();
            return;
        }
        for (OutboxMessage row : committed) {
            ready.put(row.position(), row);
        }
    }

    /**
     * Up to {@code limit} rows to send now, in position order, none behind a transaction still committing. They stay
     * here until {@link #sent}.
     */
    synchronized List<OutboxMessage> next(int limit) {
        long now = System.nanoTime();
        if (committing.values().removeIf(since -> now - since > staleNanos)) {
            dropAll();
        }
        Long floor = committing.isEmpty() ? null : committing.firstKey();
        Map<Long, OutboxMessage> sendable = floor == null ? ready : ready.headMap(floor, false);
        List<OutboxMessage> rows = new ArrayList<>(Math.min(limit, sendable.size()));
        for (OutboxMessage row : sendable.values()) {
            if (rows.size() == limit) {
                break;
            }
            rows.add(row);
        }
        return rows;
    }

    synchronized boolean holds(long position) {
        return ready.containsKey(position);
    }

    /** These rows reached the broker and left the table. */
    synchronized void sent(Collection<OutboxMessage> rows) {
        rows.forEach(row -> ready.remove(row.position()));
    }

    /** Forgets every row (another instance relays them, or the table will): a gap opens. */
    synchronized void dropAll() {
        drops += ready.size() + 1;
        ready.clear();
        gap = true;
    }

    synchronized boolean gap() {
        return gap;
    }

    /** How many times rows were dropped so far: read it before reading the table, pass it to {@link #closeGap}. */
    synchronized long drops() {
        return drops;
    }

    /** The table was read to its end, starting when {@code dropsBefore} was current: no row is missing any more. */
    synchronized void closeGap(long dropsBefore) {
        if (drops == dropsBefore) {
            gap = false;
        }
    }
}
