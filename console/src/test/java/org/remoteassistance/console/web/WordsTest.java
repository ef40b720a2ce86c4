package org.remoteassistance.console.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class WordsTest {

    @Test
    void englishAndSpanishNameTheSameWords() {
        Words english = Words.forLanguages(List.of(Locale.ENGLISH));
        Words spanish = Words.forLanguages(List.of(Locale.forLanguageTag("es")));
        assertEquals(new TreeSet<>(english.keySet()), new TreeSet<>(spanish.keySet()));
    }

    @Test
    void theFirstLanguageTheConsoleSpeaksWins() {
        assertEquals("es", Words.forLanguages(List.of(Locale.forLanguageTag("fr"), Locale.forLanguageTag("es-MX")))
                .get("lang"));
        assertEquals("en", Words.forLanguages(List.of(Locale.forLanguageTag("en-GB"), Locale.forLanguageTag("es")))
                .get("lang"));
        assertEquals("en", Words.forLanguages(List.of()).get("lang"));
    }

    @Test
    void theSeedsWordsAreTheSpanishOnes() {
        Words spanish = Words.forLanguages(List.of(Locale.forLanguageTag("es")));
        assertEquals("Nueva sesión de asistencia remota", spanish.get("new_session"));
        assertEquals("Su administrador de TI solicita el control de este dispositivo para una sesión de asistencia "
                + "remota", spanish.get("request_message"));
        assertEquals("Permitir", spanish.get("allow"));
    }
}
