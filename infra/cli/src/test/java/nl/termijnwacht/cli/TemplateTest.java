package nl.termijnwacht.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.aws.DueIndex;
import nl.termijnwacht.aws.Omgeving;
import nl.termijnwacht.local.LokaleStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * template.yaml against the code: handlers and their {@code bouw}, the environment each function needs (derived from
 * {@link Omgeving}, checked by building every function with exactly its template environment and without each variable
 * in turn), the tables' keys and indexes (as the code uses them and as {@code Provisioning} creates them), and the
 * operational parts every function must have. Presence is checked, not counts: more alarms or keys do not break it.
 */
class TemplateTest {

    private static final Pattern ONTBREEKT = Pattern.compile("omgevingsvariabele (\\w+) ontbreekt");
    private static JsonNode template;
    private static JsonNode resources;

    @BeforeAll
    static void lees() throws IOException {
        // the working tree's template (what is deployed); Provisioning reads the copy packaged on the classpath
        template = new ObjectMapper(new YAMLFactory()).readTree(Path.of("../../template.yaml").toFile());
        resources = template.path("Resources");
    }

    private static Map<String, JsonNode> vanType(String type) {
        Map<String, JsonNode> lijst = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            if (r.getValue().path("Type").asText().equals(type)) {
                lijst.put(r.getKey(), r.getValue());
            }
        }
        return lijst;
    }

    private static Map<String, JsonNode> functies() {
        Map<String, JsonNode> f = vanType("AWS::Serverless::Function");
        assertFalse(f.isEmpty(), "template.yaml declares functions");
        return f;
    }

    private static String handlerKlasse(JsonNode functie) {
        String handler = functie.at("/Properties/Handler").asText();
        assertTrue(handler.endsWith("::handleRequest"), "Handler is CLASS::handleRequest: " + handler);
        return handler.substring(0, handler.indexOf("::"));
    }

    private static Method bouw(String klasse) throws ClassNotFoundException, NoSuchMethodException {
        return Class.forName(klasse).getMethod("bouw", AwsClients.class, Clock.class);
    }

    // ------------------------------------------------------------------------------------------ handlers

    @Test
    void elkeHandlerBestaatMetHandleRequestEnBouw() throws Exception {
        for (Map.Entry<String, JsonNode> f : functies().entrySet()) {
            String klasse = handlerKlasse(f.getValue());
            Class<?> c;
            try {
                c = Class.forName(klasse);
            } catch (ClassNotFoundException e) {
                throw new AssertionError(f.getKey() + ": handler " + klasse + " is not on the classpath", e);
            }
            assertTrue(RequestStreamHandler.class.isAssignableFrom(c), klasse + " is a RequestStreamHandler");
            Method handle = c.getMethod("handleRequest", InputStream.class, OutputStream.class, Context.class);
            assertTrue(Modifier.isPublic(handle.getModifiers()) && !Modifier.isStatic(handle.getModifiers()), klasse + ".handleRequest");
            assertTrue(Modifier.isPublic(c.getModifiers()) && c.getConstructor() != null, klasse + " has the public no-arg constructor Lambda calls");
            Method bouw = bouw(klasse);
            assertTrue(Modifier.isStatic(bouw.getModifiers()), klasse + ".bouw(AwsClients, Clock) is static");
            assertTrue(c.isAssignableFrom(bouw.getReturnType()), klasse + ".bouw returns the handler");
        }
    }

    // ------------------------------------------------------------------------------------------ environment

    /**
     * The variables a function cannot start without, from {@link Omgeving} itself: every accessor of an Omgeving that
     * has nothing but a region, in stage prod (the strictest), fails naming its variable.
     */
    static Set<String> verplichteVariabelen() {
        Omgeving leeg = Omgeving.uit(Map.of("AWS_REGION", "eu-west-1", "STAGE", "prod"));
        Set<String> namen = new TreeSet<>();
        for (Method m : Omgeving.class.getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() != Omgeving.class) {
                continue;
            }
            try {
                m.invoke(leeg);
            } catch (InvocationTargetException e) {
                Matcher naam = ONTBREEKT.matcher(String.valueOf(e.getCause().getMessage()));
                if (naam.find()) {
                    namen.add(naam.group(1));
                }
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        return namen;
    }

    /** A function's environment exactly as template.yaml gives it (Globals and its own), resolved on the emulator. */
    private static Map<String, String> omgeving(JsonNode functie, LokaleStack stack, Map<String, String> parameters) {
        Map<String, String> env = new HashMap<>();
        List<JsonNode> blokken = List.of(template.at("/Globals/Function/Environment/Variables"), functie.at("/Properties/Environment/Variables"));
        for (JsonNode blok : blokken) {
            for (Iterator<Map.Entry<String, JsonNode>> it = blok.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> v = it.next();
                String waarde = v.getValue().asText();
                if (template.path("Parameters").has(waarde)) {
                    env.put(v.getKey(), parameters.getOrDefault(waarde, template.path("Parameters").path(waarde).path("Default").asText("")));
                } else if (resources.has(waarde)) {
                    env.put(v.getKey(), stack.voorzieningen().waarden().get(waarde));
                } else {
                    env.put(v.getKey(), waarde);
                }
            }
        }
        env.put("AWS_REGION", LokaleStack.regio());
        env.put("AWS_ENDPOINT_URL", stack.endpoint().toString());
        return env;
    }

    /** Builds the function as Lambda's init would; the messages of what failed, outermost first (empty: it started). */
    private static List<String> start(String klasse, Map<String, String> env) throws Exception {
        List<String> fouten = new ArrayList<>();
        try {
            bouw(klasse).invoke(null, new AwsClients(Omgeving.uit(env)), Clock.systemUTC());
        } catch (InvocationTargetException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                fouten.add(String.valueOf(t.getMessage()));
            }
        } catch (IllegalStateException e) {
            fouten.add(e.getMessage()); // Omgeving.uit itself
        }
        return fouten;
    }

    @Test
    void elkeFunctieKrijgtDeVariabelenDieZijLeest() throws Exception {
        Set<String> verplicht = verplichteVariabelen();
        assertTrue(verplicht.containsAll(Set.of("ZAKEN_TABLE", "MELDINGEN_TABLE", "AFGEWEZEN_QUEUE_URL", "AFZENDERS")), "derived from Omgeving: " + verplicht);
        LokaleStack stack = LokaleStack.voorTest();
        // prod: AFZENDERS is required there; the binding's value is irrelevant to starting
        Map<String, String> parameters = Map.of("Stage", "prod", "Afzenders", "111111111111=GM0363");
        Set<String> gezet = new TreeSet<>();
        for (Map.Entry<String, JsonNode> f : functies().entrySet()) {
            String klasse = handlerKlasse(f.getValue());
            Map<String, String> env = omgeving(f.getValue(), stack, parameters);
            List<String> fouten = start(klasse, env);
            assertEquals(List.of(), fouten, f.getKey() + " starts with exactly the environment template.yaml gives it");
            for (String variabele : new TreeSet<>(env.keySet())) {
                if (!verplicht.contains(variabele)) {
                    continue; // a setting with a default (TIJDZONE, DUE_SHARDS, …)
                }
                gezet.add(variabele);
                Map<String, String> zonder = new HashMap<>(env);
                zonder.remove(variabele);
                List<String> zonderFouten = start(klasse, zonder);
                assertFalse(zonderFouten.isEmpty(), f.getKey() + " gets " + variabele + " from template.yaml but starts without it: remove it there");
                Matcher naam = ONTBREEKT.matcher(zonderFouten.getFirst());
                assertTrue(naam.find(), f.getKey() + " without " + variabele + ": " + zonderFouten);
                assertEquals(variabele, naam.group(1), f.getKey() + " without " + variabele + " names exactly it: " + zonderFouten);
                for (String ander : verplicht) {
                    assertTrue(ander.equals(variabele) || !String.join(" ", zonderFouten).contains(ander), zonderFouten + " names only " + variabele);
                }
            }
        }
        assertEquals(verplicht, gezet, "every variable Omgeving requires is set for at least one function");
    }

    // ------------------------------------------------------------------------------------------ tables

    /** Keys and indexes as the code uses them (ZaakRepository, EscalatieRepository, MeldingenLedger, DueIndex). */
    private record Tabel(String naam, List<String> sleutel, boolean dueIndex) {
    }

    private static final List<Tabel> TABELLEN = List.of(
            new Tabel("Zaken", List.of("gemeente HASH S", "zaak RANGE S"), true),
            new Tabel("Escalaties", List.of("escalatie HASH S"), true),
            new Tabel("Meldingen", List.of("idempotencyKey HASH S"), false));

    private static final List<String> DUE_SLEUTEL = List.of(DueIndex.SHARD + " HASH N", DueIndex.DUE_AT + " RANGE N");

    private static JsonNode tabelInTemplate(String naam) {
        return vanType("AWS::DynamoDB::Table").values().stream().filter(t -> t.at("/Properties/TableName").asText().equals(naam)).findFirst()
                .orElseThrow(() -> new AssertionError("template.yaml has no table " + naam));
    }

    private static List<String> sleutel(JsonNode schema, JsonNode attributen) {
        List<String> lijst = new ArrayList<>();
        for (JsonNode k : schema) {
            String naam = k.path("AttributeName").asText();
            String type = "";
            for (JsonNode a : attributen) {
                if (a.path("AttributeName").asText().equals(naam)) {
                    type = a.path("AttributeType").asText();
                }
            }
            lijst.add(naam + " " + k.path("KeyType").asText() + " " + type);
        }
        return lijst;
    }

    @Test
    void tabellenInTemplateZijnDieVanDeCodeEnDieVanProvisioning() {
        DynamoDbClient dynamo = LokaleStack.voorTest().clients().dynamoDb();
        for (Tabel t : TABELLEN) {
            JsonNode p = tabelInTemplate(t.naam()).path("Properties");
            assertEquals(t.sleutel(), sleutel(p.path("KeySchema"), p.path("AttributeDefinitions")), t.naam() + ": key in template.yaml");
            List<String> indexen = new ArrayList<>();
            for (JsonNode g : p.path("GlobalSecondaryIndexes")) {
                indexen.add(g.path("IndexName").asText());
                if (g.path("IndexName").asText().equals(DueIndex.INDEX)) {
                    assertEquals(DUE_SLEUTEL, sleutel(g.path("KeySchema"), p.path("AttributeDefinitions")), t.naam() + "/" + DueIndex.INDEX);
                    // KEYS_ONLY (the scanner reads each due item) or INCLUDE of what the scanner needs (it reads from the
                    // index and falls back to the table: ZaakRepository.uitIndex); never ALL, which would copy every write
                    String projectie = g.at("/Projection/ProjectionType").asText();
                    assertTrue(projectie.equals("KEYS_ONLY") || projectie.equals("INCLUDE") && g.at("/Projection/NonKeyAttributes").size() > 0,
                            t.naam() + "/" + DueIndex.INDEX + " projects keys only or named attributes, not " + projectie);
                }
            }
            assertEquals(t.dueIndex() ? List.of(DueIndex.INDEX) : List.of(), indexen, t.naam() + ": indexes in template.yaml");
        }
        // Provisioning creates every table of the template as declared: describe-table on the emulator equals the template
        for (JsonNode tabel : vanType("AWS::DynamoDB::Table").values()) {
            JsonNode p = tabel.path("Properties");
            String naam = p.path("TableName").asText();
            TableDescription d = dynamo.describeTable(b -> b.tableName(naam)).table();
            assertEquals(sleutel(p.path("KeySchema"), p.path("AttributeDefinitions")), d.keySchema().stream()
                    .map(k -> k.attributeName() + " " + k.keyTypeAsString() + " " + type(d, k.attributeName())).toList(), naam + ": key as provisioned");
            Set<String> attributen = new TreeSet<>();
            p.path("AttributeDefinitions").forEach(a -> attributen.add(a.path("AttributeName").asText() + " " + a.path("AttributeType").asText()));
            assertEquals(attributen, new TreeSet<>(d.attributeDefinitions().stream().map(a -> a.attributeName() + " " + a.attributeTypeAsString()).toList()),
                    naam + ": attribute definitions as provisioned");
            assertEquals(p.path("BillingMode").asText(), d.billingModeSummary() == null ? "PAY_PER_REQUEST" : d.billingModeSummary().billingModeAsString(), naam);
            Map<String, String> templateIndexen = new TreeMap<>();
            for (JsonNode g : p.path("GlobalSecondaryIndexes")) {
                Set<String> extra = new TreeSet<>();
                g.at("/Projection/NonKeyAttributes").forEach(a -> extra.add(a.asText()));
                templateIndexen.put(g.path("IndexName").asText(), sleutel(g.path("KeySchema"), p.path("AttributeDefinitions")) + " " + g.at("/Projection/ProjectionType").asText()
                        + " " + extra);
            }
            Map<String, String> echteIndexen = new TreeMap<>();
            for (GlobalSecondaryIndexDescription g : d.globalSecondaryIndexes()) {
                echteIndexen.put(g.indexName(), g.keySchema().stream().map(k -> k.attributeName() + " " + k.keyTypeAsString() + " " + type(d, k.attributeName())).toList()
                        + " " + g.projection().projectionTypeAsString() + " " + new TreeSet<>(g.projection().nonKeyAttributes()));
            }
            assertEquals(templateIndexen, echteIndexen, naam + ": global secondary indexes as provisioned");
            JsonNode ttl = p.path("TimeToLiveSpecification");
            if (ttl.path("Enabled").asBoolean(false)) {
                var beschrijving = dynamo.describeTimeToLive(b -> b.tableName(naam)).timeToLiveDescription();
                assertEquals(ttl.path("AttributeName").asText(), beschrijving.attributeName(), naam + ": TTL attribute as provisioned");
                assertEquals("ENABLED", beschrijving.timeToLiveStatusAsString(), naam + ": TTL");
            }
        }
    }

    private static String type(TableDescription d, String attribuut) {
        return d.attributeDefinitions().stream().filter(a -> a.attributeName().equals(attribuut)).map(a -> a.attributeTypeAsString()).findFirst().orElse("?");
    }

    // ------------------------------------------------------------------------------------------ operations

    /** {@code !GetAtt X.Arn}, {@code !Ref X} and {@code !GetAtt X.QueueName} read as "X.Arn", "X", "X.QueueName": the logical id. */
    private static String logischeId(JsonNode verwijzing) {
        String tekst = verwijzing.isArray() && verwijzing.size() > 0 ? verwijzing.get(0).asText() : verwijzing.asText();
        int punt = tekst.indexOf('.');
        return punt < 0 ? tekst : tekst.substring(0, punt);
    }

    private static boolean heeftAlarm(String namespace, String metriek, String dimensie, String logischeId) {
        for (JsonNode alarm : vanType("AWS::CloudWatch::Alarm").values()) {
            JsonNode p = alarm.path("Properties");
            if (!p.path("Namespace").asText().equals(namespace) || !p.path("MetricName").asText().equals(metriek)) {
                continue;
            }
            for (JsonNode d : p.path("Dimensions")) {
                if (d.path("Name").asText().equals(dimensie) && logischeId(d.path("Value")).equals(logischeId)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void elkeFunctieHeeftLogboekDlqEnAlarmen() {
        Map<String, JsonNode> queues = vanType("AWS::SQS::Queue");
        Set<String> logboeken = new TreeSet<>();
        vanType("AWS::Logs::LogGroup").values().forEach(l -> logboeken.add(l.at("/Properties/LogGroupName").asText()));
        for (Map.Entry<String, JsonNode> f : functies().entrySet()) {
            String id = f.getKey();
            assertTrue(logboeken.contains("/aws/lambda/${" + id + "}"), id + ": a log group /aws/lambda/${" + id + "} (retention set by us, not unbounded)");

            JsonNode onFailure = f.getValue().at("/Properties/EventInvokeConfig/DestinationConfig/OnFailure");
            assertEquals("SQS", onFailure.path("Type").asText(), id + ": EventInvokeConfig OnFailure to SQS");
            String dlq = logischeId(onFailure.path("Destination"));
            assertNotNull(queues.get(dlq), id + ": OnFailure destination " + dlq + " is a queue of the template");
            // the rule's or schedule's dead letters go to the same queue
            for (JsonNode event : f.getValue().at("/Properties/Events")) {
                JsonNode dlc = event.at("/Properties/DeadLetterConfig/Arn");
                if (!dlc.isMissingNode()) {
                    assertEquals(dlq, logischeId(dlc), id + ": the event source's DeadLetterConfig is its DLQ");
                }
            }

            assertTrue(heeftAlarm("AWS/Lambda", "Errors", "FunctionName", id), id + ": an alarm on AWS/Lambda Errors");
            assertTrue(heeftAlarm("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", dlq), id + ": an alarm on its DLQ " + dlq);
        }
        // and the rejection queue every event function writes to
        Set<String> afgewezen = new TreeSet<>();
        functies().values().forEach(f -> {
            JsonNode url = f.at("/Properties/Environment/Variables/AFGEWEZEN_QUEUE_URL");
            if (!url.isMissingNode()) {
                afgewezen.add(logischeId(url));
            }
        });
        assertFalse(afgewezen.isEmpty());
        for (String q : afgewezen) {
            assertNotNull(queues.get(q), q + " is a queue of the template");
            assertTrue(heeftAlarm("AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", q), "an alarm on the rejection queue " + q);
        }
    }

    @Test
    void dlqCommandKentPreciesDeQueuesVanDeTemplate() {
        Set<String> namen = new TreeSet<>();
        vanType("AWS::SQS::Queue").values().forEach(q -> namen.add(q.at("/Properties/QueueName").asText()));
        assertEquals(namen, new TreeSet<>(DlqCommand.Queue.alle().keySet()));
        assertTrue(namen.containsAll(Set.of("termijnwacht-afgewezen", "zaak-events-dlq", "termijn-scanner-dlq", "escalatie-events-dlq", "escalatie-scanner-dlq")), namen.toString());
        for (DlqCommand.Queue q : DlqCommand.Queue.alle().values()) {
            if (!q.isAfwijzingen()) {
                assertNotNull(q.functie(), q.naam() + " is the DLQ of one function");
            }
        }
        assertEquals("termijnwacht-afgewezen", DlqCommand.Queue.afwijzingen().naam());
    }

    /**
     * Each sender on the bus may send only the source of its role: a zaaksysteem (AfzenderAccounts) only zaak facts, so
     * it cannot answer the escalations that exist to reach its bestuurders; an answering integration only replies.
     */
    @Test
    void deBusLaatElkeAfzenderAlleenDeBronVanZijnRolSturen() {
        Map<String, JsonNode> policies = vanType("AWS::Events::EventBusPolicy");
        assertFalse(policies.isEmpty(), "the bus has a policy");
        Map<String, String> bronPerPrincipal = new TreeMap<>();
        for (Map.Entry<String, JsonNode> p : policies.entrySet()) {
            JsonNode st = p.getValue().at("/Properties/Statement");
            JsonNode bron = st.at("/Condition/ForAllValues:StringEquals/events:source");
            assertTrue(bron.isTextual(), p.getKey() + ": every entry of a PutEvents call is bound to one source: " + st);
            bronPerPrincipal.put(st.at("/Principal/AWS").asText(), bron.asText());
        }
        assertEquals(Map.of("AfzenderAccounts", "termijnwacht.zaken", "AntwoordAccounts", "termijnwacht.escalaties"), bronPerPrincipal);
    }
}
