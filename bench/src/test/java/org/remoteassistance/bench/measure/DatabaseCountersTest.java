package org.remoteassistance.bench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseCountersTest {

    private static DatabaseCounters.StatementCalls calls(String query, long calls) {
        return DatabaseCounters.counted("session_service", query, calls);
    }

    @Test
    void aBeginCountsAsItsTransactionsEndAndCommitsAreNotCountedTwice() {
        assertEquals(DatabaseCounters.TRANSACTION_END, calls("BEGIN", 1).query());
        assertNull(calls("COMMIT", 1));
        assertNull(calls("rollback", 1));
        assertEquals("SELECT a FROM b", calls(" SELECT a\n   FROM b ", 1).query());
        assertEquals(100, calls("SELECT " + "x, ".repeat(100), 1).query().length());
    }

    @Test
    void aPhaseCostsTheCallsInBetweenTheMostCalledFirst() {
        DatabaseCounters.Reading before = new DatabaseCounters.Reading(100L, Map.of(
                "1:1", calls("BEGIN", 10), "1:2", calls("SELECT a", 40), "1:3", calls("UPDATE b", 500)), null);
        DatabaseCounters.Reading after = new DatabaseCounters.Reading(130L, Map.of(
                "1:1", calls("BEGIN", 30), "1:2", calls("SELECT a", 100), "1:3", calls("UPDATE b", 7),
                "1:4", calls("INSERT c", 5)), null);
        DatabaseCounters.Change change = DatabaseCounters.between(before, after);
        assertEquals(30, change.commits());
        // UPDATE b was evicted or reset in between: its 7 calls count from zero
        assertEquals(60 + 20 + 7 + 5, change.statements());
        assertEquals(List.of("SELECT a", DatabaseCounters.TRANSACTION_END, "UPDATE b", "INSERT c"),
                change.top().stream().map(DatabaseCounters.StatementCalls::query).toList());
        assertNull(change.statementsUnavailable());
    }

    @Test
    void withoutPgStatStatementsOnlyCommitsAreCountedAndTheReasonKept() {
        DatabaseCounters.Reading before = new DatabaseCounters.Reading(100L, null, "not loaded");
        DatabaseCounters.Reading after = new DatabaseCounters.Reading(150L, null, "not loaded");
        DatabaseCounters.Change change = DatabaseCounters.between(before, after);
        assertEquals(50, change.commits());
        assertNull(change.statements());
        assertEquals("not loaded", change.statementsUnavailable());
    }
}
