package nl.termijnwacht.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration from environment variables: values, defaults, and errors that name the variable. */
class OmgevingTest {

    private static Map<String, String> env(String... paren) {
        Map<String, String> m = new HashMap<>(Map.of("AWS_REGION", "eu-west-1", "ZAKEN_TABLE", "Zaken", "MELDINGEN_TABLE", "Meldingen",
                "TERMIJNMELDINGEN_TOPIC_ARN", "arn:aws:sns:eu-west-1:123456789012:termijnmeldingen",
                "AFGEWEZEN_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/termijnwacht-afgewezen"));
        for (int i = 0; i < paren.length; i += 2) {
            if (paren[i + 1] == null) {
                m.remove(paren[i]);
            } else {
                m.put(paren[i], paren[i + 1]);
            }
        }
        return m;
    }

    @Test
    void waardenEnStandaarden() {
        Omgeving o = Omgeving.uit(env("LEASE", "PT10M", "WAARSCHUWINGSDAGEN", "15, 3", "TERMIJNWACHT_GELIJKGESTELDE_DAGEN", "2029-05-11"));
        assertEquals(Duration.ofMinutes(10), o.lease());
        assertEquals(List.of(15, 3), o.waarschuwingsdagen());
        assertEquals(LocalTime.of(7, 0), o.mijlpaalTijd());
        assertEquals(8, o.dueShards());
        assertTrue(o.kalender().isVrijeDag(LocalDate.parse("2029-05-11")), "an operator's decree day");
        assertTrue(o.endpoint().isEmpty());
    }

    @Test
    void eenOntbrekendeOfFouteWaardeNoemtDeVariabele() {
        for (String[] geval : List.of(new String[] {"AWS_REGION", null}, new String[] {"TERMIJNMELDINGEN_TOPIC_ARN", null},
                new String[] {"AFGEWEZEN_QUEUE_URL", "  "}, new String[] {"ZAKEN_TABLE", null}, new String[] {"LEASE", "vijf minuten"},
                new String[] {"PARALLEL", "0"}, new String[] {"DUE_SHARDS", "1000"}, new String[] {"WAARSCHUWINGSDAGEN", "5,-2"},
                new String[] {"MIJLPAAL_TIJD", "zeven uur"}, new String[] {"TIJDZONE", "Europe/Utrecht"})) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
                Omgeving o = Omgeving.uit(env(geval[0], geval[1]));
                // the values a function needs are required when it is built, at init
                o.termijnmeldingenTopicArn();
                o.afgewezenQueueUrl();
                o.zakenTabel();
            }, geval[0]);
            assertTrue(e.getMessage().contains(geval[0]), e.getMessage());
        }
    }
}
