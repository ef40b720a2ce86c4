package org.remoteassistance.device.rest;

import java.util.List;
import java.util.regex.Pattern;
import org.remoteassistance.events.EventRules;
import org.remoteassistance.support.problem.ProblemException;
import org.remoteassistance.support.security.DeviceScope;

/**
 * The help-desk scopes a device belongs to, as a request gives them: at most {@value EventRules#MAX_SCOPE_TAGS} tags,
 * each a letter or digit, then letters, digits and {@code . _ -} (64 at most); repeats count once. A wrong one is a
 * 400 naming {@code scopeTags}.
 */
final class ScopeTags {

    private static final Pattern TAG = Pattern.compile(EventRules.SCOPE_TAG);

    private ScopeTags() {
    }

    static List<String> checked(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        if (tags.size() > EventRules.MAX_SCOPE_TAGS) {
            throw ProblemException.badRequest("scopeTags must be at most " + EventRules.MAX_SCOPE_TAGS + " tags.");
        }
        tags.forEach(tag -> tag("scopeTags", tag, "each"));
        return tags.stream().distinct().toList();
    }

    /**
     * The tags a device registered by this caller gets: a scoped help desk may tag it only with its own scopes, and
     * without tags it gets them all (else it could not see the device it has just registered); anyone else, as given.
     */
    static List<String> withinReach(List<String> tags, DeviceScope reach) {
        if (reach.isAll()) {
            return tags;
        }
        if (tags.isEmpty()) {
            return reach.tags().stream().sorted().toList();
        }
        List<String> outside = tags.stream().filter(tag -> !reach.tags().contains(tag)).toList();
        if (!outside.isEmpty()) {
            throw ProblemException.badRequest("scopeTags may only name your own scopes "
                    + reach.tags().stream().sorted().toList() + ", not " + outside + ".");
        }
        return tags;
    }

    /** One tag, as the {@code scope} filter of the list takes it. */
    static String tag(String field, String tag, String each) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw ProblemException.badRequest(field + " must be 1 to 64 letters, digits, dots, underscores and dashes"
                    + (each.isEmpty() ? "" : " " + each) + ", starting with a letter or digit.");
        }
        return tag;
    }
}
