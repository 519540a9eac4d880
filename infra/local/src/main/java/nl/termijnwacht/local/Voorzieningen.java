package nl.termijnwacht.local;

import java.util.Map;

/**
 * What {@link Provisioning} created from template.yaml. Names equal those in {@code template.yaml}.
 *
 * @param waarden per logical id of template.yaml, what a reference to it resolves to: a table's name, a
 *                topic's ARN, a queue's URL, a bus's name
 * @param inboxen per topic name, the URL of the local queue that receives its notifications
 */
public record Voorzieningen(Map<String, String> waarden, Map<String, String> inboxen) {

    public static final String ZAKEN = "Zaken";
    public static final String MELDINGEN = "Meldingen";
    public static final String BUS = "termijnwacht";
    public static final String ZAAK_EVENTS_REGEL = "zaak-events";
    public static final String TERMIJNMELDINGEN = "termijnmeldingen";
    public static final String AFGEWEZEN = "termijnwacht-afgewezen";
    public static final String INBOX_PREFIX = "termijnwacht-inbox-";

    public Voorzieningen {
        waarden = Map.copyOf(waarden);
        inboxen = Map.copyOf(inboxen);
    }

    public String termijnmeldingenTopicArn() {
        return waarden.get("TermijnmeldingenTopic");
    }

    public String afgewezenQueueUrl() {
        return waarden.get("AfgewezenQueue");
    }
}
