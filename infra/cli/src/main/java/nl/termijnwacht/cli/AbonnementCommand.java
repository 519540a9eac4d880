package nl.termijnwacht.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import nl.termijnwacht.core.Zaakdossier;
import nl.termijnwacht.local.LokaleStack;
import nl.termijnwacht.local.Voorzieningen;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Subscription;

/**
 * {@code termijnwacht abonnement nieuw|controleer}: subscriptions to the three topics, made only by the beheerder and
 * always with a filter on {@code gemeente} (docs/architectuur.md, "Tenants"). Sender accounts cannot subscribe
 * (template.yaml), so no gemeente can take another's notices, and a subscription the beheerder owns cannot have its
 * filter dropped by its subscriber. {@code controleer} lists every subscription and fails on one without that filter.
 */
@Command(name = "abonnement", mixinStandardHelpOptions = true,
        description = {"Maakt een abonnement op een topic, altijd met een filter op gemeente, of controleert de abonnementen.",
                "ACTIE: nieuw | controleer. controleer eindigt met exitcode 1 als een abonnement geen gemeentefilter heeft."})
final class AbonnementCommand implements Callable<Integer> {

    /** The topics by name, as template.yaml calls them, and their logical ids. */
    private static final Map<String, String> TOPICS = Map.of(Voorzieningen.TERMIJNMELDINGEN, "TermijnmeldingenTopic",
            "escalaties", "EscalatiesTopic", "regietafel", "RegietafelTopic");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGIETAFEL = "regietafel";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTIE", description = "nieuw (een abonnement maken) of controleer (alle abonnementen nalopen)")
    String actie;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "nieuw: termijnmeldingen, escalaties of regietafel")
    String topic;

    @Option(names = "--gemeente", paramLabel = "GMxxxx", description = "nieuw: de gemeente(n) wier meldingen dit abonnement krijgt (herhaalbaar; "
            + "verplicht behalve voor de regietafel, die zonder filter het hele stelsel volgt)")
    List<String> gemeenten = new ArrayList<>();

    @Option(names = "--rol", paramLabel = "ROL", description = "nieuw, escalaties: alleen de meldingen aan deze rol (herhaalbaar)")
    List<String> rollen = new ArrayList<>();

    @Option(names = "--protocol", paramLabel = "PROTOCOL", description = "nieuw: email, https, sqs of lambda")
    String protocol;

    @Option(names = "--endpoint", paramLabel = "ENDPOINT", description = "nieuw: het adres, de URL of de ARN")
    String endpoint;

    @Option(names = "--json", description = "controleer: één JSON-object per regel")
    boolean json;

    @Override
    public Integer call() {
        return switch (actie) {
            case "nieuw" -> nieuw();
            case "controleer" -> controleer();
            default -> throw new FouteInvoer("ACTIE", "onbekende actie '" + actie + "'; kies nieuw of controleer");
        };
    }

    /** The filter policy: always the gemeenten, for escalaties optionally the roles. */
    static ObjectNode filter(List<String> gemeenten, List<String> rollen) {
        ObjectNode f = JSON.createObjectNode();
        ArrayNode g = f.putArray("gemeente");
        gemeenten.forEach(g::add);
        if (!rollen.isEmpty()) {
            ArrayNode r = f.putArray("rol");
            rollen.forEach(r::add);
        }
        return f;
    }

    private int nieuw() {
        if (topic == null || !TOPICS.containsKey(topic)) {
            throw new FouteInvoer("--topic", "kies termijnmeldingen, escalaties of regietafel");
        }
        if (gemeenten.isEmpty() && !topic.equals(REGIETAFEL)) {
            throw new FouteInvoer("--gemeente", "verplicht: een abonnement krijgt alleen de meldingen van de gemeenten die het noemt");
        }
        for (String g : gemeenten) {
            if (!Zaakdossier.GEMEENTECODE.matcher(g).matches()) {
                throw new FouteInvoer("--gemeente", "'" + g + "' is geen CBS-gemeentecode (bijv. GM0363)");
            }
        }
        if (!rollen.isEmpty() && !topic.equals("escalaties")) {
            throw new FouteInvoer("--rol", "alleen voor topic escalaties");
        }
        if (protocol == null || !List.of("email", "https", "sqs", "lambda").contains(protocol)) {
            throw new FouteInvoer("--protocol", "kies email, https, sqs of lambda");
        }
        if (endpoint == null || endpoint.isBlank()) {
            throw new FouteInvoer("--endpoint", "verplicht: het adres, de URL of de ARN");
        }
        LokaleStack stack = Lokaal.stack(spec.commandLine().getErr());
        String arn = stack.voorzieningen().waarden().get(TOPICS.get(topic));
        // the regietafel watches the whole stelsel: without --gemeente it gets everything on its own topic
        String filter = gemeenten.isEmpty() ? null : filter(gemeenten, rollen).toString();
        Map<String, String> attributen = filter == null ? Map.of() : Map.of("FilterPolicy", filter, "FilterPolicyScope", "MessageAttributes");
        String abonnement = stack.clients().sns().subscribe(b -> b.topicArn(arn).protocol(protocol).endpoint(endpoint).returnSubscriptionArn(true)
                .attributes(attributen)).subscriptionArn();
        spec.commandLine().getOut().println("abonnement " + abonnement + " op " + topic + (filter == null ? " zonder filter (de hele regietafel)" : " met filter " + filter));
        return 0;
    }

    private int controleer() {
        LokaleStack stack = Lokaal.stack(spec.commandLine().getErr());
        SnsClient sns = stack.clients().sns();
        PrintWriter out = spec.commandLine().getOut();
        int zonderFilter = 0;
        for (Map.Entry<String, String> t : new java.util.TreeMap<>(TOPICS).entrySet()) {
            String arn = stack.voorzieningen().waarden().get(t.getValue());
            for (Subscription s : sns.listSubscriptionsByTopicPaginator(b -> b.topicArn(arn)).subscriptions()) {
                Map<String, String> attributen = sns.getSubscriptionAttributes(b -> b.subscriptionArn(s.subscriptionArn())).attributes();
                String oordeel = oordeel(t.getKey(), s.endpoint(), attributen.get("FilterPolicy"));
                if (oordeel.equals("ZONDER_GEMEENTEFILTER")) {
                    zonderFilter++;
                }
                if (json) {
                    Map<String, String> regel = new LinkedHashMap<>();
                    regel.put("topic", t.getKey());
                    regel.put("protocol", s.protocol());
                    regel.put("endpoint", s.endpoint());
                    regel.put("filter", attributen.get("FilterPolicy"));
                    regel.put("oordeel", oordeel);
                    out.println(JSON.valueToTree(regel).toString());
                } else {
                    out.printf("%-22s %-16s %-8s %s %s%n", oordeel, t.getKey(), s.protocol(), s.endpoint(),
                            attributen.getOrDefault("FilterPolicy", "(geen filter)"));
                }
            }
        }
        if (zonderFilter > 0) {
            spec.commandLine().getErr().println("abonnement: " + zonderFilter + " abonnement(en) zonder gemeentefilter: zo'n abonnement krijgt de meldingen van elke gemeente");
            return 1;
        }
        return 0;
    }

    /**
     * {@code GOED} with a filter on gemeente, {@code LOKALE_INBOX} for the local chain's own inbox queues (provisioned
     * to read every notification back; they exist only on an emulator), {@code REGIETAFEL} for the stelsel's own
     * topic without a filter, else {@code ZONDER_GEMEENTEFILTER}.
     */
    static String oordeel(String topic, String endpoint, String filterPolicy) {
        if (endpoint != null && endpoint.substring(endpoint.lastIndexOf(':') + 1).startsWith(Voorzieningen.INBOX_PREFIX)) {
            return "LOKALE_INBOX";
        }
        if (topic.equals(REGIETAFEL) && (filterPolicy == null || filterPolicy.isBlank())) {
            return "REGIETAFEL";
        }
        if (filterPolicy == null || filterPolicy.isBlank()) {
            return "ZONDER_GEMEENTEFILTER";
        }
        try {
            JsonNode g = JSON.readTree(filterPolicy).path("gemeente");
            boolean goed = g.isArray() && !g.isEmpty();
            for (JsonNode v : g) {
                goed &= v.isTextual() && Zaakdossier.GEMEENTECODE.matcher(v.asText()).matches();
            }
            return goed ? "GOED" : "ZONDER_GEMEENTEFILTER";
        } catch (IOException e) {
            return "ZONDER_GEMEENTEFILTER";
        }
    }
}
