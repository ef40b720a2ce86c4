package org.remoteassistance.console.web;

import java.text.MessageFormat;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The console's words in one language: English, or Spanish (the seed's language) when the browser prefers it. Pages
 * read them as {@code {w.key}}; sentences with a value in them are formatted here.
 */
public final class Words extends AbstractMap<String, String> {

    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("es"));

    private static final Map<Locale, Words> BY_LOCALE = SUPPORTED.stream()
            .collect(Collectors.toMap(locale -> locale, Words::load));

    private final Locale locale;
    private final Map<String, String> words;

    private Words(Locale locale, Map<String, String> words) {
        this.locale = locale;
        this.words = words;
    }

    /** The first of the browser's languages (Accept-Language, in its order of preference) that the console speaks. */
    public static Words forLanguages(List<Locale> acceptable) {
        for (Locale wanted : acceptable) {
            for (Locale supported : SUPPORTED) {
                if (supported.getLanguage().equals(wanted.getLanguage())) {
                    return BY_LOCALE.get(supported);
                }
            }
        }
        return BY_LOCALE.get(Locale.ENGLISH);
    }

    public Locale locale() {
        return locale;
    }

    /** The word for the key; the key itself when a word is missing, so that a page shows it rather than failing. */
    @Override
    public String get(Object key) {
        return words.getOrDefault(key, String.valueOf(key));
    }

    public String format(String key, Object... values) {
        return new MessageFormat(get(key), locale).format(values);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return words.entrySet();
    }

    private static Words load(Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle("words.console", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Map<String, String> words = new HashMap<>();
        for (String key : bundle.keySet()) {
            words.put(key, bundle.getString(key));
        }
        return new Words(locale, Map.copyOf(words));
    }
}
