package nl.termijnwacht.cli;

import static nl.termijnwacht.cli.Uitkomst.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.termijnwacht.local.LokaleStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * {@code abonnement nieuw|controleer} on the emulator: a subscription the beheerder makes always filters on gemeente
 * (how such a filter keeps a gemeente's notices apart: TermijnScannerTest), and the check finds one made without it.
 */
class AbonnementCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private LokaleStack stack;
    private SnsClient sns;

    @BeforeEach
    void leegEmulator() {
        stack = LokaleStack.voorTest();
        sns = stack.clients().sns();
        System.setProperty(Lokaal.TEST_ENDPOINT, stack.endpoint().toString());
    }

    @AfterEach
    void los() {
        System.clearProperty(Lokaal.TEST_ENDPOINT);
    }

    private String wachtrij(String naam) {
        String url = stack.clients().sqs().createQueue(b -> b.queueName(naam)).queueUrl();
        return stack.clients().sqs().getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn");
    }

    private List<JsonNode> controle() throws IOException {
        Uitkomst u = run("abonnement", "controleer", "--json");
        List<JsonNode> regels = new ArrayList<>();
        for (String r : u.out().strip().split("\n")) {
            regels.add(JSON.readTree(r));
        }
        return regels;
    }

    @Test
    void eenNieuwAbonnementFiltertAltijdOpGemeente() throws IOException {
        Uitkomst nieuw = run("abonnement", "nieuw", "--topic", "termijnmeldingen", "--gemeente", "GM0363", "--protocol", "sqs", "--endpoint", wachtrij("gm0363"));
        assertEquals(0, nieuw.code(), nieuw.err());
        Uitkomst rol = run("abonnement", "nieuw", "--topic", "escalaties", "--gemeente", "GM0363", "--rol", "gemeentebestuur", "--protocol", "sqs",
                "--endpoint", wachtrij("gm0363-bestuur"));
        assertEquals(0, rol.code(), rol.err());

        Map<String, String> filters = new java.util.TreeMap<>();
        for (JsonNode r : controle()) {
            if (!r.get("oordeel").asText().equals("LOKALE_INBOX")) {
                filters.put(r.get("topic").asText(), r.get("filter").asText());
            }
        }
        assertEquals(Map.of("termijnmeldingen", "{\"gemeente\":[\"GM0363\"]}", "escalaties", "{\"gemeente\":[\"GM0363\"],\"rol\":[\"gemeentebestuur\"]}"), filters);
        Uitkomst controle = run("abonnement", "controleer");
        assertEquals(0, controle.code(), controle.out() + controle.err());
    }

    @Test
    void zonderGemeenteOfMetEenOngeldigeGemeenteWordtGeenAbonnementGemaakt() {
        for (String[] args : List.of(
                new String[] {"abonnement", "nieuw", "--topic", "termijnmeldingen", "--protocol", "email", "--endpoint", "vth@example.org"},
                new String[] {"abonnement", "nieuw", "--topic", "termijnmeldingen", "--gemeente", "*", "--protocol", "email", "--endpoint", "vth@example.org"},
                new String[] {"abonnement", "nieuw", "--topic", "termijnmeldingen", "--gemeente", "GM0363", "--rol", "x", "--protocol", "email", "--endpoint", "a@b.nl"},
                new String[] {"abonnement", "nieuw", "--topic", "alles", "--gemeente", "GM0363", "--protocol", "email", "--endpoint", "vth@example.org"})) {
            Uitkomst u = run(args);
            assertEquals(Termijnwacht.ONGELDIGE_INVOER, u.code(), String.join(" ", args) + ": " + u.err());
        }
        long zonderInbox = sns.listSubscriptions().subscriptions().stream().filter(s -> !s.endpoint().contains("termijnwacht-inbox-")).count();
        assertEquals(0, zonderInbox, "nothing was subscribed");
    }

    @Test
    void deControleVindtEenAbonnementZonderGemeentefilter() throws IOException {
        String arn = stack.voorzieningen().termijnmeldingenTopicArn();
        sns.subscribe(b -> b.topicArn(arn).protocol("sqs").endpoint(wachtrij("alles-van-iedereen")));
        List<JsonNode> regels = controle();
        assertTrue(regels.stream().anyMatch(r -> r.get("oordeel").asText().equals("ZONDER_GEMEENTEFILTER") && r.get("endpoint").asText().endsWith("alles-van-iedereen")),
                regels.toString());
        Uitkomst u = run("abonnement", "controleer");
        assertEquals(1, u.code());
        assertTrue(u.err().contains("1 abonnement(en) zonder gemeentefilter"), u.err());
    }

    @Test
    void eenFilterDatAlleenOpRolFiltertIsGeenGemeentefilter() {
        assertEquals("ZONDER_GEMEENTEFILTER", AbonnementCommand.oordeel("escalaties", "arn:aws:sqs:eu-west-1:1:x", "{\"rol\":[\"gemeentebestuur\"]}"));
        assertEquals("ZONDER_GEMEENTEFILTER", AbonnementCommand.oordeel("termijnmeldingen", "arn:aws:sqs:eu-west-1:1:x", "{\"gemeente\":[{\"prefix\":\"GM\"}]}"));
        assertEquals("GOED", AbonnementCommand.oordeel("termijnmeldingen", "arn:aws:sqs:eu-west-1:1:x", "{\"gemeente\":[\"GM0363\",\"GM0518\"]}"));
        assertEquals("LOKALE_INBOX", AbonnementCommand.oordeel("escalaties", "arn:aws:sqs:eu-west-1:1:termijnwacht-inbox-escalaties", null));
        assertEquals("REGIETAFEL", AbonnementCommand.oordeel("regietafel", "regietafel@example.nl", null));
        assertEquals("ZONDER_GEMEENTEFILTER", AbonnementCommand.oordeel("termijnmeldingen", "vth@example.nl", null));
    }
}
