package nl.termijnwacht.local;

import java.util.Map;

/**
 * What {@link Provisioning} created. Names equal those in {@code template.yaml} (a test compares them).
 *
 * @param inboxen per topic name, the URL of the local queue that receives its notifications
 */
public record Voorzieningen(String termijnmeldingenTopicArn, String afgewezenQueueUrl, Map<String, String> inboxen) {

    public static final String ZAKEN = "Zaken";
    public static final String MELDINGEN = "Meldingen";
    public static final String BUS = "termijnwacht";
    public static final String ZAAK_EVENTS_REGEL = "zaak-events";
    public static final String TERMIJNMELDINGEN = "termijnmeldingen";
    public static final String AFGEWEZEN = "termijnwacht-afgewezen";
    public static final String INBOX_PREFIX = "termijnwacht-inbox-";
}
