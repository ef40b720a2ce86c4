package org.remoteassistance.support.security;

import jakarta.json.JsonString;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.remoteassistance.events.EventRules;
import org.remoteassistance.events.SessionRequested;

/**
 * The devices a caller may see and act on, by their scope tags: every device (admins, and help desks whose token has
 * no scope claim), or only the devices carrying at least one of the caller's tags (a scoped help desk; a device with
 * no tags is outside every scope).
 */
public final class DeviceScope {

    /** Every device. */
    public static final DeviceScope ALL = new DeviceScope(null);

    /** A help desk may be given many more scopes than a device carries tags. */
    static final int MAX_TAGS = EventRules.MAX_REQUESTER_SCOPE_TAGS;

    private static final Pattern TAG = Pattern.compile(EventRules.SCOPE_TAG);
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");

    private final Set<String> tags;

    private DeviceScope(Set<String> tags) {
        this.tags = tags;
    }

    /** Only the devices with one of these tags (none at all for no tags). */
    public static DeviceScope of(Collection<String> tags) {
        tags.forEach(DeviceScope::checked);
        return new DeviceScope(Set.copyOf(tags));
    }

    /**
     * The scope a token's claim names: a JSON array of tags, or one string of tags separated by spaces or commas (as
     * an OAuth {@code scope} claim is). Each tag is held to the rule devices' tags follow.
     *
     * @throws IllegalArgumentException a tag that no device could carry, or more tags than a sensible scope has
     */
    public static DeviceScope fromClaim(Object claim) {
        Collection<?> values = claim instanceof Collection<?> list ? list
                : Arrays.asList(SEPARATORS.split(text(claim).strip()));
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        for (Object value : values) {
            String tag = text(value);
            if (!tag.isEmpty()) {
                tags.add(tag);
            }
        }
        if (tags.size() > MAX_TAGS) {
            throw new IllegalArgumentException("a scope has at most " + MAX_TAGS + " tags");
        }
        return of(tags);
    }

    /** The scope a session request names ({@code SessionRequested.requesterScopeTags}): every device without it. */
    public static DeviceScope ofRequester(SessionRequested request) {
        return request.requesterScopeTags() == null ? ALL : of(request.requesterScopeTags());
    }

    /** The tags to publish as a request's {@code requesterScopeTags}: null for every device. */
    public List<String> asRequesterScopeTags() {
        return tags == null ? null : tags.stream().sorted().toList();
    }

    public boolean isAll() {
        return tags == null;
    }

    /** The caller's tags; only for a limited scope ({@link #isAll()} false). */
    public Set<String> tags() {
        if (tags == null) {
            throw new IllegalStateException("every device is in scope: there are no tags to name");
        }
        return tags;
    }

    /** Whether a device with these tags is within the scope. */
    public boolean covers(Collection<String> deviceTags) {
        return tags == null || (deviceTags != null && deviceTags.stream().anyMatch(tags::contains));
    }

    @Override
    public String toString() {
        return tags == null ? "all devices" : "scope tags " + tags;
    }

    private static String checked(String tag) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("a scope tag is 1 to 64 letters, digits, dots, underscores and dashes, "
                    + "starting with a letter or digit");
        }
        return tag;
    }

    private static String text(Object value) {
        if (value instanceof JsonString string) {
            return string.getString();
        }
        if (value instanceof String string) {
            return string;
        }
        throw new IllegalArgumentException("scope tags are strings, not " + value);
    }
}
