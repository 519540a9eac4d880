package nl.termijnwacht.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.aws.EscalatieRepository;
import nl.termijnwacht.core.Kalender;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The chain for a test, on the emulator and one {@link Simulatieklok}: events in, scheduled runs at chosen instants,
 * notices out of the local inboxes. Every function of template.yaml ({@link Functiecatalogus}) whose handler class is
 * on the test's class path is built, on first use, through its {@code static bouw(AwsClients, Clock)} with the stack's
 * clients and this clock, as the CLI builds it; a test replaces one with {@link #met} (other ladders, other clients).
 * An event goes to the function whose bus rule admits its {@code source}, as EventBridge routes it.
 */
public final class Keten {

    public static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    /** The sources of template.yaml's bus rules: a zaaksysteem's case events, a ladder level's replies. */
    public static final String BRON_ZAKEN = "termijnwacht.zaken";
    public static final String BRON_ESCALATIES = "termijnwacht.escalaties";
    /** The topics (each with its local inbox): the gemeenten's termijn notices, the ladder levels' notices, the regietafel's copies. */
    public static final String TERMIJNMELDINGEN = Voorzieningen.TERMIJNMELDINGEN;
    public static final String ESCALATIES = "escalaties";
    public static final String REGIETAFEL = "regietafel";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Functiecatalogus CATALOGUS = Functiecatalogus.standaard();

    /** How a function's handler is made from the stack's clients and a clock: by default its own {@code bouw}. */
    @FunctionalInterface
    public interface Bouwer {
        RequestStreamHandler bouw(AwsClients aws, Clock klok);
    }

    private final LokaleStack stack;
    /** The stack's clients, shared by the handlers the chain builds and its own reads. */
    private final AwsClients aws;
    private final Simulatieklok klok = new Simulatieklok(Instant.EPOCH);
    private final Inbox inbox;
    private final EscalatieRepository escalaties;
    private final SqsClient sqs;
    private final DynamoDbClient dynamo;
    private final Map<String, Bouwer> bouwers = new HashMap<>();
    private final Map<String, RequestStreamHandler> handlers = new HashMap<>();
    private final List<ObjectNode> ontvangen = new ArrayList<>();
    private int eventNummer;

    private Keten(LokaleStack stack) {
        this.stack = stack;
        this.aws = stack.clients();
        this.sqs = aws.sqs();
        this.dynamo = aws.dynamoDb();
        this.inbox = new Inbox(sqs, stack.voorzieningen());
        this.escalaties = EscalatieRepository.van(aws);
    }

    /** A fresh stack ({@link LokaleStack#voorTest}: the emulator cleared and provisioned) with the functions as deployed. */
    public static Keten voorTest() {
        return voorTest(Map.of());
    }

    /** As {@link #voorTest()}, with extra environment variables for the functions (e.g. {@code LEASE}). */
    public static Keten voorTest(Map<String, String> env) {
        return new Keten(LokaleStack.voorTest(env));
    }

    public LokaleStack stack() {
        return stack;
    }

    public Simulatieklok klok() {
        return klok;
    }

    /** The Atw calendar the functions compute with. */
    public Kalender kalender() {
        return stack.omgeving().instellingen().kalender();
    }

    // ------------------------------------------------------------------ functions

    /** From now on {@code functie} (its name in template.yaml) is made by {@code bouwer}; returns this chain. */
    public Keten met(String functie, Bouwer bouwer) {
        catalogus(functie);
        bouwers.put(functie, bouwer);
        handlers.remove(functie);
        return this;
    }

    /** The chain's handler of {@code functie}, built on first use with the stack's clients and this chain's clock. */
    public RequestStreamHandler functie(String functie) {
        RequestStreamHandler h = handlers.get(functie);
        if (h == null) {
            h = bouwer(functie).bouw(aws, klok);
            handlers.put(functie, h);
        }
        return h;
    }

    /**
     * A new handler of {@code functie} on this chain's clock whose every SDK request passes {@code interceptors}
     * (a test counts requests or injects faults this way); the chain's own handler stays as it is.
     */
    public RequestStreamHandler bouw(String functie, List<ExecutionInterceptor> interceptors) {
        return bouwer(functie).bouw(stack.clients(interceptors), klok);
    }

    /** The scheduled functions of template.yaml present on the class path, in the template's order. */
    public List<String> gepland() {
        return CATALOGUS.gepland().stream().filter(f -> bouwers.containsKey(f.naam()) || opClasspath(f)).map(Functiecatalogus.Functie::naam).toList();
    }

    private Bouwer bouwer(String functie) {
        Bouwer b = bouwers.get(functie);
        return b != null ? b : uitCatalogus(catalogus(functie));
    }

    private static Functiecatalogus.Functie catalogus(String functie) {
        return CATALOGUS.functie(functie).orElseThrow(() -> new IllegalArgumentException(
                "onbekende functie '" + functie + "'; template.yaml kent " + String.join(", ", CATALOGUS.namen())));
    }

    private static boolean opClasspath(Functiecatalogus.Functie f) {
        try {
            Class.forName(f.handlerKlasse(), false, Keten.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The handler's {@code static bouw(AwsClients, Clock)}, as the CLI calls it. */
    private static Bouwer uitCatalogus(Functiecatalogus.Functie f) {
        if (!opClasspath(f)) {
            throw new IllegalStateException("functie " + f.naam() + ": " + f.handlerKlasse() + " staat niet op het classpath van deze test;"
                    + " neem de module " + f.naam() + " op als test-dependency");
        }
        return (aws, klok) -> {
            try {
                return (RequestStreamHandler) Class.forName(f.handlerKlasse()).getMethod("bouw", AwsClients.class, Clock.class).invoke(null, aws, klok);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new IllegalStateException("functie " + f.naam() + ": bouw faalde", e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("functie " + f.naam() + ": " + f.handlerKlasse() + ".bouw(AwsClients, Clock) ontbreekt", e);
            }
        };
    }

    // ------------------------------------------------------------------ invoking

    /** Runs {@code functie} with {@code invoer} at {@code op}; returns what the handler wrote. A failed run throws. */
    public JsonNode invoke(String functie, Instant op, String invoer) {
        return invoke(functie(functie), op, invoer);
    }

    /** As {@link #invoke(String, Instant, String)}, for a handler the test made itself on this chain's clock. */
    public JsonNode invoke(RequestStreamHandler handler, Instant op, String invoer) {
        klok.zet(op);
        return invoke(handler, invoer);
    }

    /** A scheduled run of {@code functie} at {@code op} (EventBridge Scheduler's payload is {@code {}}). */
    public JsonNode run(String functie, Instant op) {
        return invoke(functie, op, "{}");
    }

    public JsonNode run(RequestStreamHandler handler, Instant op) {
        return invoke(handler, op, "{}");
    }

    /** Runs {@code handler} with {@code invoer} on whatever clock it has; returns what it wrote. */
    public static JsonNode invoke(RequestStreamHandler handler, String invoer) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(invoer.getBytes(StandardCharsets.UTF_8)), out, null);
            return JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The function whose bus rule admits events from {@code bron}. */
    private static String voorBron(String bron) {
        return CATALOGUS.voorBron(bron).orElseThrow(() -> new IllegalStateException("geen functie ontvangt events met source " + bron)).naam();
    }

    // ------------------------------------------------------------------ case events

    /** A case event at {@code op}, delivered to zaak-events; returns its answer, whatever it is. */
    public JsonNode zaakEvent(Instant op, String type, String gemeente, String zaak, String velden) {
        String event = "{\"id\":\"evt-" + (++eventNummer) + "\",\"source\":\"" + BRON_ZAKEN + "\",\"detail-type\":\"" + type + "\",\"time\":\"" + op
                + "\",\"detail\":{\"gemeente\":\"" + gemeente + "\",\"zaak\":\"" + zaak + "\"" + (velden.isEmpty() ? "" : "," + velden) + "}}";
        return invoke(voorBron(BRON_ZAKEN), op, event);
    }

    /** As {@link #zaakEvent}, but it must be accepted; returns its event id. */
    public String zaakFeit(Instant op, String type, String gemeente, String zaak, String velden) {
        JsonNode uit = zaakEvent(op, type, gemeente, zaak, velden);
        if (!uit.get("resultaat").asText().equals("VERWERKT")) {
            throw new AssertionError("zaak-event niet verwerkt: " + uit);
        }
        return "evt-" + eventNummer;
    }

    /** A regulier zaak received on {@code ontvangen} (registered that day at 09:00). */
    public void ontvang(String gemeente, String zaak, String ontvangen) {
        zaakFeit(om(ontvangen, "09:00"), "AanvraagOntvangen", gemeente, zaak, "\"procedure\":\"regulier\",\"ontvangen\":\"" + ontvangen + "\"");
    }

    /** A case event to deliver at an instant. */
    public record Gebeurtenis(Instant op, String type, String gemeente, String zaak, String velden) {
    }

    /**
     * Runs {@code scanner} at 06:45 and 07:00 Amsterdam time on each day from {@code van} to {@code tot}, delivering
     * each event of {@code draaiboek} before the first run at or after its instant (the rest after the last run).
     */
    public void simuleer(RequestStreamHandler scanner, LocalDate van, LocalDate tot, List<Gebeurtenis> draaiboek) {
        List<Gebeurtenis> open = new ArrayList<>(draaiboek);
        open.sort(Comparator.comparing(Gebeurtenis::op));
        for (LocalDate d = van; !d.isAfter(tot); d = d.plusDays(1)) {
            for (LocalTime t : List.of(LocalTime.of(6, 45), LocalTime.of(7, 0))) {
                Instant moment = d.atTime(t).atZone(AMSTERDAM).toInstant();
                while (!open.isEmpty() && !open.getFirst().op().isAfter(moment)) {
                    Gebeurtenis g = open.removeFirst();
                    zaakFeit(g.op(), g.type(), g.gemeente(), g.zaak(), g.velden());
                }
                run(scanner, moment);
            }
        }
        for (Gebeurtenis g : open) {
            zaakFeit(g.op(), g.type(), g.gemeente(), g.zaak(), g.velden());
        }
    }

    // ------------------------------------------------------------------ replies

    /** A new event id for a reply. */
    public String nieuwId() {
        return "antwoord-" + (++eventNummer);
    }

    /** A reply envelope as EventBridge delivers it; {@code detail} is the JSON text of the detail. */
    public static String antwoordEvent(String id, String type, Instant op, String detail) {
        return "{\"version\":\"0\",\"id\":\"" + id + "\",\"detail-type\":\"" + type + "\",\"source\":\"" + BRON_ESCALATIES + "\","
                + "\"account\":\"123456789012\",\"time\":\"" + op + "\",\"region\":\"eu-west-1\",\"resources\":[],\"detail\":" + detail + "}";
    }

    /** The usual detail of a reply; {@code toelichting} may be null (then left out). */
    public static String detail(String escalatie, int niveau, String datum, String toelichting) {
        ObjectNode d = JSON.createObjectNode().put("escalatie", escalatie).put("niveau", niveau).put("datum", datum);
        if (toelichting != null) {
            d.put("toelichting", toelichting);
        }
        return d.toString();
    }

    /** A reply of level {@code niveau}, dated the day of {@code op}; returns escalatie-events' answer. */
    public JsonNode antwoord(Instant op, String type, String escalatie, int niveau, String toelichting) {
        return antwoordRuw(op, antwoordEvent(nieuwId(), type, op, detail(escalatie, niveau, LocalDate.ofInstant(op, AMSTERDAM).toString(), toelichting)));
    }

    /** As {@link #antwoord}, but it must be processed. */
    public void antwoordVerwerkt(Instant op, String type, String escalatie, int niveau, String toelichting) {
        JsonNode uit = antwoord(op, type, escalatie, niveau, toelichting);
        if (!uit.get("resultaat").asText().equals("VERWERKT")) {
            throw new AssertionError("antwoord niet verwerkt: " + uit);
        }
    }

    /** Any input, as it arrives, at {@code op} to the function that receives replies (escalatie-events). */
    public JsonNode antwoordRuw(Instant op, String invoer) {
        return invoke(voorBron(BRON_ESCALATIES), op, invoer);
    }

    /** What reached the rejection queue since the last call (consumed). */
    public List<JsonNode> afgewezen() {
        return Inbox.leesQueue(sqs, stack.voorzieningen().afgewezenQueueUrl());
    }

    // ------------------------------------------------------------------ days

    /**
     * One day: each scheduled function present ({@link #gepland()}) whose schedule fires that day runs once, at 07:00
     * Amsterdam, in turn (the scanners every day, the weekly report on Mondays); the notices are read.
     */
    public void dag(LocalDate dag) {
        Instant zeven = om7(dag);
        Instant begin = dag.atStartOfDay(AMSTERDAM).toInstant();
        Instant einde = dag.plusDays(1).atStartOfDay(AMSTERDAM).toInstant();
        for (String functie : gepland()) {
            if (catalogus(functie).planning().map(p -> p.vuurtTussen(begin, einde)).orElse(true)) {
                run(functie, zeven);
            }
        }
        nieuw();
    }

    /** {@link #dag} for each day from {@code van} to {@code tot}, both included. */
    public void dagen(LocalDate van, LocalDate tot) {
        for (LocalDate d = van; !d.isAfter(tot); d = d.plusDays(1)) {
            dag(d);
        }
    }

    public void dagen(String van, String tot) {
        dagen(LocalDate.parse(van), LocalDate.parse(tot));
    }

    // ------------------------------------------------------------------ notices

    /**
     * The notices that reached the inboxes since the last read, of the given topics (none given: every topic), each
     * with {@code topic} and {@code attributen} (its SNS message attributes). Every inbox is read and emptied, in
     * batches; what is read is kept for {@link #ontvangen}, whatever its topic.
     */
    public List<ObjectNode> nieuw(String... topics) {
        List<ObjectNode> gelezen = inbox.leegMetAttributen();
        ontvangen.addAll(gelezen);
        return vanTopics(gelezen, topics);
    }

    /** Every notice read so far, of the given topics (none given: every topic). */
    public List<ObjectNode> ontvangen(String... topics) {
        return Collections.unmodifiableList(vanTopics(ontvangen, topics));
    }

    private static List<ObjectNode> vanTopics(List<ObjectNode> meldingen, String... topics) {
        if (topics.length == 0) {
            return new ArrayList<>(meldingen);
        }
        Set<String> welke = Set.of(topics);
        return new ArrayList<>(meldingen.stream().filter(m -> welke.contains(m.get("topic").asText())).toList());
    }

    /** "mijlpaal@mijlpaalDatum aangemaakt" of each termijn notice of one zaak, in order of creation. */
    public static List<String> samenvatting(List<ObjectNode> meldingen, String zaak) {
        return meldingen.stream().filter(m -> m.get("zaak").asText().equals(zaak))
                .sorted(Comparator.comparing((ObjectNode m) -> m.get("aangemaakt").asText()).thenComparing(m -> m.get("mijlpaalDatum").asText()))
                .map(m -> m.get("mijlpaal").asText() + "@" + m.get("mijlpaalDatum").asText() + " " + m.get("aangemaakt").asText())
                .toList();
    }

    /**
     * The escalation notices of one item in order: {@code "2026-04-29T07:00 ESCALATIE/1 escalaties"} — when made
     * (Amsterdam time), kind, level, topic.
     */
    public static List<String> verloop(List<ObjectNode> meldingen, String escalatie) {
        return meldingen.stream().filter(m -> m.get("escalatie").asText().equals(escalatie))
                .sorted(Comparator.comparing((ObjectNode m) -> m.get("aangemaakt").asText()).thenComparing(m -> m.get("niveau").asInt())
                        .thenComparing(m -> m.get("topic").asText()))
                .map(Keten::regel)
                .toList();
    }

    /** One line of {@link #verloop}. */
    public static String regel(ObjectNode m) {
        LocalDateTime t = LocalDateTime.ofInstant(Instant.parse(m.get("aangemaakt").asText()), AMSTERDAM);
        return t + " " + m.get("soort").asText() + "/" + m.get("niveau").asInt() + " " + m.get("topic").asText();
    }

    /** The one notice of {@code escalatie} with this soort, level and topic; fails when there is none, or more than one. */
    public static ObjectNode enige(List<ObjectNode> meldingen, String escalatie, String soort, int niveau, String topic) {
        List<ObjectNode> gevonden = meldingen.stream().filter(m -> m.get("escalatie").asText().equals(escalatie) && m.get("soort").asText().equals(soort)
                && m.get("niveau").asInt() == niveau && m.get("topic").asText().equals(topic)).toList();
        if (gevonden.size() != 1) {
            throw new AssertionError("expected 1 " + soort + "/" + niveau + " " + topic + " of " + escalatie + ", got " + gevonden.size() + ": " + gevonden);
        }
        return gevonden.getFirst();
    }

    /** Fails when any idempotencyKey among {@code meldingen} arrived other than exactly once. */
    public static void elkeSleutelEenKeer(List<ObjectNode> meldingen) {
        Map<String, Long> keer = new java.util.TreeMap<>();
        meldingen.forEach(m -> keer.merge(m.get("idempotencyKey").asText(), 1L, Long::sum));
        keer.values().removeIf(n -> n == 1);
        if (!keer.isEmpty()) {
            throw new AssertionError("each idempotencyKey exactly once, but: " + keer);
        }
    }

    /** The {@code gebeurtenis} of each step in an escalation notice's {@code geschiedenis}, in order. */
    public static List<String> gebeurtenissen(ObjectNode melding) {
        List<String> lijst = new ArrayList<>();
        melding.get("geschiedenis").forEach(s -> lijst.add(s.get("gebeurtenis").asText()));
        return lijst;
    }

    // ------------------------------------------------------------------ escalation items (the test's own view)

    public EscalatieRepository escalaties() {
        return escalaties;
    }

    /** The stored escalation item {@code id}; it must exist. */
    public EscalatieRepository.Opgeslagen escalatieItem(String id) {
        return escalaties.lees(id).orElseThrow(() -> new AssertionError("geen escalatie " + id));
    }

    /** The stored escalation item as DynamoDB holds it, every attribute. */
    public Map<String, AttributeValue> escalatieRuw(String id) {
        return dynamo.getItem(b -> b.tableName(stack.omgeving().escalatiesTabel()).consistentRead(true)
                .key(Map.of("escalatie", AttributeValue.fromS(id)))).item();
    }

    /** Every item in table Escalaties (a Scan). */
    public List<Map<String, AttributeValue>> alleEscalatieItems() {
        List<Map<String, AttributeValue>> lijst = new ArrayList<>();
        dynamo.scanPaginator(b -> b.tableName(stack.omgeving().escalatiesTabel()).consistentRead(true))
                .items().forEach(lijst::add);
        return lijst;
    }

    // ------------------------------------------------------------------ time (Amsterdam)

    public static Instant om7(String datum) {
        return om7(LocalDate.parse(datum));
    }

    public static Instant om7(LocalDate datum) {
        return datum.atTime(7, 0).atZone(AMSTERDAM).toInstant();
    }

    public static Instant om(String datum, String tijd) {
        return om(LocalDate.parse(datum), tijd);
    }

    public static Instant om(LocalDate datum, String tijd) {
        return datum.atTime(LocalTime.parse(tijd)).atZone(AMSTERDAM).toInstant();
    }
}
