package org.remoteassistance.events;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What makes an event's content valid, for every consumer alike: each event's {@link EventData#validate(Instant)}
 * applies these rules, and {@link CloudEventCodec#decode} calls it, so a record one service accepts is a record every
 * service accepts. The limits are the smallest column any service stores the field in (and what the HTTP side
 * allows), so no service can take in what another must refuse. {@code asyncapi.yaml} states the same limits.
 */
public final class EventRules {

    /** How far ahead of the consumer's clock a publisher's clock may run; "happened at" times beyond it are refused. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** The largest record value read at all; the largest valid event is a few KiB (the HTTP body limit is the same). */
    public static final int MAX_EVENT_CHARS = 64 * 1024;
    /** CloudEvents {@code id} (the inbox's {@code event_id}) and {@code source} (an audit entry's actor). */
    public static final int MAX_ATTRIBUTE = 255;
    /** {@code requestedBy}: session-service's {@code requested_by} and the audit trail's {@code actor}. */
    public static final int MAX_REQUESTED_BY = 255;
    /** {@code partner}, {@code sessionCode}, {@code channel}: session-service's columns. */
    public static final int MAX_CODE = 64;
    public static final int MAX_LINK = 2048;
    /** {@code SessionRejected.detail}: session-service's {@code reject_detail}. */
    public static final int MAX_DETAIL = 1024;
    /** {@code NotificationIssued.message}: the Company Portal's words, with room to spare. */
    public static final int MAX_MESSAGE = 1024;
    /** A device's name, serial number and primary user: device-service's columns and its API. */
    public static final int MAX_DEVICE_TEXT = 200;
    public static final int MAX_OS_VERSION = 100;
    /** A device's scope tags: at most this many, each a letter or digit, then letters, digits and {@code . _ -}. */
    public static final int MAX_SCOPE_TAGS = 20;
    /** A help desk may be limited to many more scopes than one device carries tags. */
    public static final int MAX_REQUESTER_SCOPE_TAGS = 200;
    public static final String SCOPE_TAG = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    /** The longest a session may be allowed to run: a day. */
    public static final int MAX_SESSION_MINUTES = 1440;
    /** Why a session is requested, as the requester wrote it. */
    public static final int MAX_REASON = 500;
    /** A help-desk ticket's reference. */
    public static final int MAX_TICKET_ID = 64;

    /** The values the contract names, in its order: the names of {@link Platform}, {@link EndStatus}, {@link EndReason}
     * and {@link RejectReason}. */
    public static final List<String> PLATFORMS = names(Platform.values());
    public static final List<String> END_STATUSES = names(EndStatus.values());
    public static final List<String> END_REASONS = names(EndReason.values());
    public static final List<String> REJECT_REASONS = names(RejectReason.values());
    public static final List<String> COMPLIANCE = names(Compliance.values());

    /**
     * Text an event may carry, as a regular expression (also for {@code @Pattern} on the HTTP side): no control
     * characters (CR, LF, TAB, NUL…), no format characters (bidi overrides, zero-width characters), no lone
     * surrogates, no line or paragraph separators, no markup brackets. Such text forges log and audit lines, disguises
     * a name, or becomes HTML in a console.
     */
    public static final String PLAIN_TEXT = "[^\\p{Cc}\\p{Cf}\\p{Cs}\\p{Zl}\\p{Zp}<>]*";
    public static final String PLAIN_TEXT_MESSAGE =
            "must not contain control, invisible or bidi characters, line breaks or angle brackets";
    /** A partner session code: letters, digits and dashes (it is written into a device's instructions). */
    public static final String SESSION_CODE = "[A-Za-z0-9][A-Za-z0-9-]{0," + (MAX_CODE - 1) + "}";

    private static final Pattern PLAIN = Pattern.compile(PLAIN_TEXT);
    private static final Pattern NOT_PLAIN = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Zl}\\p{Zp}<>]");
    private static final Pattern CODE = Pattern.compile(SESSION_CODE);

    private EventRules() {
    }

    private static List<String> names(Enum<?>[] values) {
        return java.util.Arrays.stream(values).map(Enum::name).toList();
    }

    public static void required(Object value, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new InvalidEventException("data." + field + " is missing");
        }
    }

    /** Required plain text of at most {@code max} characters. */
    public static void text(String value, String field, int max) {
        required(value, field);
        optionalText(value, field, max);
    }

    /** Plain text of at most {@code max} characters, or null. */
    public static void optionalText(String value, String field, int max) {
        if (value == null) {
            return;
        }
        if (value.length() > max) {
            throw new InvalidEventException("data." + field + " is longer than " + max + " characters");
        }
        if (!PLAIN.matcher(value).matches()) {
            throw new InvalidEventException("data." + field + " " + PLAIN_TEXT_MESSAGE);
        }
    }

    /** A whole number from {@code min} to {@code max}, or null. */
    public static void optionalRange(Integer value, String field, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw new InvalidEventException("data." + field + " must be from " + min + " to " + max + ", not " + value);
        }
    }

    /** Scope tags, or null: at most {@value #MAX_SCOPE_TAGS}, each matching {@value #SCOPE_TAG}. */
    public static void scopeTags(List<String> tags, String field) {
        scopeTags(tags, field, MAX_SCOPE_TAGS);
    }

    /** Scope tags, or null: at most {@code max}, each matching {@value #SCOPE_TAG}. */
    public static void scopeTags(List<String> tags, String field, int max) {
        if (tags == null) {
            return;
        }
        if (tags.size() > max) {
            throw new InvalidEventException("data." + field + " has more than " + max + " tags");
        }
        for (String tag : tags) {
            if (tag == null || !tag.matches(SCOPE_TAG)) {
                throw new InvalidEventException("data." + field + " tags are 1 to 64 letters, digits, dots, "
                        + "underscores and dashes, starting with a letter or digit, not "
                        + (tag == null ? "null" : quoted(tag)));
            }
        }
    }

    public static void sessionCode(String value, String field) {
        required(value, field);
        if (!CODE.matcher(value).matches()) {
            throw new InvalidEventException("data." + field + " must be 1 to " + MAX_CODE
                    + " letters, digits and dashes");
        }
    }

    /** A link an admin's console or a device opens: absolute http(s) with a host, never javascript: or data:. */
    public static void link(String value, String field) {
        text(value, field, MAX_LINK);
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw new InvalidEventException("data." + field + " must be an absolute http(s) URL with a host");
            }
        } catch (URISyntaxException e) {
            throw new InvalidEventException("data." + field + " is not a URL: " + e.getReason());
        }
    }

    public static void oneOf(String value, String field, List<String> allowed) {
        required(value, field);
        if (!allowed.contains(value)) {
            throw new InvalidEventException("data." + field + " must be one of " + String.join(", ", allowed)
                    + ", not " + quoted(value));
        }
    }

    /** A time something happened: not later than {@code now} plus the clock skew. */
    public static void happened(Instant value, String field, Instant now) {
        required(value, field);
        if (value.isAfter(now.plus(CLOCK_SKEW))) {
            throw new InvalidEventException("data." + field + " " + value + " is in the future (now " + now + ")");
        }
    }

    /**
     * Words from outside (a partner's error description, say) made fit for an event's text field: what may not be in
     * it becomes a space, and it is cut to {@code max} characters.
     */
    public static String fit(String text, int max) {
        if (text == null) {
            return null;
        }
        String plain = NOT_PLAIN.matcher(text).replaceAll(" ");
        if (plain.length() <= max) {
            return plain;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(plain.charAt(end - 1))) {
            end--; // never cut a pair in two
        }
        return plain.substring(0, end) + "…";
    }

    /** An offending value, short and harmless: the reason goes into a Kafka header and a log line. */
    public static String quoted(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return "'" + NOT_PLAIN.matcher(shown).replaceAll("?") + "'";
    }
}
