package nl.termijnwacht.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
            assertTrue(heeftAlarm("AWS/Lambda", "Errors", "FunctionName", id), id + ": an alarm on AWS/Lambda Errors");
            if (f.getValue().at("/Properties/FunctionUrlConfig").isObject()) {
                // a page answers its caller synchronously: there is no asynchronous invocation that could be lost
                assertTrue(f.getValue().at("/Properties/EventInvokeConfig").isMissingNode(), id + ": no EventInvokeConfig on a Function URL function");
                continue;
            }

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

    // ------------------------------------------------------------------------------------------ least privilege, closer (issue 15)

    /** The functions an EventBridge rule of the bus starts: they trust the {@code account} of what they are given. */
    private static Map<String, JsonNode> eventFuncties() {
        Map<String, JsonNode> uit = new TreeMap<>();
        functies().forEach((id, f) -> {
            for (JsonNode e : f.at("/Properties/Events")) {
                if (e.path("Type").asText().equals("EventBridgeRule")) {
                    uit.put(id, f);
                }
            }
        });
        return uit;
    }

    private static List<String> lijst(JsonNode waarde) {
        List<String> uit = new ArrayList<>();
        if (waarde.isArray()) {
            waarde.forEach(w -> uit.add(w.isValueNode() ? w.asText() : w.toString()));
        } else if (!waarde.isMissingNode()) {
            uit.add(waarde.isValueNode() ? waarde.asText() : waarde.toString());
        }
        return uit;
    }

    /** Every statement of every IAM policy in the template, named by where it is. */
    private static Map<String, JsonNode> iamStatements() {
        Map<String, JsonNode> uit = new TreeMap<>();
        resources.fields().forEachRemaining(r -> {
            JsonNode p = r.getValue().path("Properties");
            List<JsonNode> documenten = new ArrayList<>();
            switch (r.getValue().path("Type").asText()) {
                case "AWS::IAM::ManagedPolicy", "AWS::IAM::Policy" -> documenten.add(p.path("PolicyDocument"));
                case "AWS::IAM::Role" -> p.path("Policies").forEach(x -> documenten.add(x.path("PolicyDocument")));
                case "AWS::Serverless::Function" -> p.path("Policies").forEach(documenten::add);
                default -> { }
            }
            int i = 0;
            for (JsonNode d : documenten) {
                for (JsonNode st : d.path("Statement")) {
                    uit.put(r.getKey() + "#" + i++, st);
                }
            }
        });
        return uit;
    }

    /**
     * A direct invocation of an event function is trusted on the {@code account} in its payload: whoever may invoke it
     * can forge a sender. No policy of the template (the beheerder's DlqBeheerPolicy included) grants that; redrive
     * goes through the bus, where EventBridge sets the account. The scanners take no account and may be invoked.
     */
    @Test
    void geenBeleidMagEenEventfunctieRechtstreeksAanroepen() {
        Set<String> eventFuncties = eventFuncties().keySet();
        assertEquals(Set.of("ZaakEventsFunction", "EscalatieEventsFunction"), eventFuncties);
        for (Map.Entry<String, JsonNode> e : iamStatements().entrySet()) {
            JsonNode st = e.getValue();
            if (!st.path("Effect").asText().equals("Allow")) {
                continue;
            }
            boolean aanroepen = lijst(st.path("Action")).stream().anyMatch(a -> a.equals("*") || a.equals("lambda:*") || a.startsWith("lambda:Invoke"));
            if (!aanroepen) {
                continue;
            }
            assertFalse(st.has("NotResource"), e.getKey() + ": lambda:Invoke with NotResource");
            for (String resource : lijst(st.path("Resource"))) {
                assertFalse(resource.equals("*") || resource.contains(":function:*"), e.getKey() + ": lambda:Invoke on every function: " + resource);
                for (String f : eventFuncties) {
                    assertFalse(resource.contains(f), e.getKey() + ": lambda:Invoke on event function " + f + ": " + st);
                }
            }
        }
        // the beheerder's redrive: the bus, and only with the sources of the rules
        JsonNode beheer = resources.at("/DlqBeheerPolicy/Properties/PolicyDocument/Statement");
        boolean bus = false;
        for (JsonNode st : beheer) {
            if (lijst(st.path("Action")).contains("events:PutEvents")) {
                bus = true;
                assertEquals(List.of("termijnwacht.zaken", "termijnwacht.escalaties"), lijst(st.at("/Condition/ForAllValues:StringEquals/events:source")), st.toString());
            }
        }
        assertTrue(bus, "DlqBeheerPolicy redrives through the bus (events:PutEvents)");
    }

    /**
     * Reserved concurrency caps each event function (parameter EventGelijktijdigheid, 0 = none for a low quota), so a
     * flood of one sender cannot take the concurrency the scanners need; the scanners are not capped.
     */
    @Test
    void eventfunctiesHebbenGereserveerdeGelijktijdigheidDeScannersNiet() {
        JsonNode parameter = template.at("/Parameters/EventGelijktijdigheid");
        assertEquals("Number", parameter.path("Type").asText());
        int standaard = parameter.path("Default").asInt();
        assertTrue(standaard > 0, "reserved by default");
        assertEquals(0, parameter.path("MinValue").asInt(), "0 for an account whose quota admits no reservation");
        assertTrue(1000 - (eventFuncties().size() + 1) * standaard >= 100 + 2, "the default quota of 1000 keeps Lambda's 100 unreserved, and the scanners' runs");
        // !Not [!Equals [!Ref EventGelijktijdigheid, 0]], read without its tags
        assertEquals("[[\"EventGelijktijdigheid\",0]]", template.at("/Conditions/ReserveertGelijktijdigheid").toString());
        for (Map.Entry<String, JsonNode> f : functies().entrySet()) {
            JsonNode gereserveerd = f.getValue().at("/Properties/ReservedConcurrentExecutions");
            // the event functions and a page behind a public Function URL are capped; the scanners are not
            if (eventFuncties().containsKey(f.getKey()) || f.getValue().at("/Properties/FunctionUrlConfig").isObject()) {
                assertEquals(List.of("ReserveertGelijktijdigheid", "EventGelijktijdigheid", "AWS::NoValue"), lijst(gereserveerd), f.getKey());
            } else {
                assertTrue(gereserveerd.isMissingNode(), f.getKey() + ": a scanner is not capped");
            }
        }
    }

    /** EventBridge may use the key only for this account's rules on the bus (and only for the two rule DLQs). */
    @Test
    void eventBridgeGebruiktDeSleutelAlleenVoorDitAccount() {
        JsonNode statement = null;
        for (JsonNode st : resources.at("/TermijnwachtSleutel/Properties/KeyPolicy/Statement")) {
            if (st.at("/Principal/Service").asText().equals("events.amazonaws.com")) {
                assertNull(statement, "one statement for EventBridge");
                statement = st;
            }
        }
        assertNotNull(statement, "the key admits EventBridge (the rules' dead letters)");
        JsonNode c = statement.path("Condition");
        assertEquals("AWS::AccountId", c.at("/StringEquals/aws:SourceAccount").asText(), statement.toString());
        assertTrue(c.at("/ArnLike/aws:SourceArn").asText().endsWith(":${AWS::AccountId}:rule/termijnwacht/*"), statement.toString());
        assertEquals(2, c.at("/StringEquals/kms:EncryptionContext:aws:sqs:arn").size(), statement.toString());
    }

    private static List<String> leadingKeys(String functie, String tabel) {
        for (JsonNode policy : resources.at("/" + functie + "/Properties/Policies")) {
            for (JsonNode st : policy.path("Statement")) {
                if (lijst(st.path("Resource")).contains(tabel + ".Arn")) {
                    return lijst(st.at("/Condition/ForAllValues:StringLike/dynamodb:LeadingKeys"));
                }
            }
        }
        return List.of();
    }

    private static boolean past(String sleutel, List<String> patronen) {
        return patronen.stream().anyMatch(p -> p.endsWith("*") ? sleutel.startsWith(p.substring(0, p.length() - 1)) : sleutel.equals(p));
    }

    /**
     * dynamodb:LeadingKeys where a function touches only its own key prefix: zaak-events and termijn-scanner only the
     * items of ladder termijnoverschrijding (and the priming key), each scanner only its own ledger records. The
     * patterns must take the keys the code builds.
     */
    @Test
    void functiesRakenAlleenHunEigenSleutelprefixAan() {
        String item = nl.termijnwacht.core.Escalatie.idVoorZaak("GM0363", "ZAAK-2026-0001");
        for (String functie : List.of("ZaakEventsFunction", "TermijnScannerFunction")) {
            List<String> patronen = leadingKeys(functie, "EscalatiesTable");
            assertEquals(List.of("termijnoverschrijding:*", nl.termijnwacht.aws.Priming.SLEUTEL), patronen, functie + " on Escalaties");
            assertTrue(past(item, patronen), item);
            assertFalse(past("uitvoeringsknelpunt:GM0363:x", patronen), "another ladder's item");
        }
        List<String> zaakLedger = leadingKeys("TermijnScannerFunction", "MeldingenTable");
        assertEquals(List.of("zaak#*"), zaakLedger);
        String melding = nl.termijnwacht.core.Zaakmelding.idempotencyKey("GM0363", "ZAAK-2026-0001",
                new nl.termijnwacht.core.Mijlpaal(nl.termijnwacht.core.Mijlpaalsoort.values()[0], java.time.LocalDate.parse("2026-05-04"), 0));
        assertTrue(past(melding, zaakLedger), melding);
        assertEquals(List.of("escalatie#*"), leadingKeys("EscalatieScannerFunction", "MeldingenTable"));
        assertFalse(past(melding, List.of("escalatie#*")), "the scanners' ledger records do not overlap");
    }

    /**
     * Rejections alarm on their share of the events received (metric math over both event functions' EMF metric
     * Afgewezen: Sum over SampleCount), not at the first message; the queue's own alarm is for a flood only.
     */
    @Test
    void afwijzingenAlarmerenOpHunAandeelEnBijEenVloed() {
        Set<String> functies = new TreeSet<>();
        eventFuncties().keySet().forEach(id -> functies.add(Functies.CATALOGUS.functies().stream().filter(f -> f.logischeId().equals(id)).findFirst().orElseThrow().naam()));
        JsonNode aandeel = null;
        for (JsonNode alarm : vanType("AWS::CloudWatch::Alarm").values()) {
            Map<String, Set<String>> stats = new TreeMap<>();
            for (JsonNode m : alarm.at("/Properties/Metrics")) {
                JsonNode metriek = m.at("/MetricStat/Metric");
                if (metriek.path("Namespace").asText().equals(nl.termijnwacht.aws.Metrieken.NAMESPACE) && metriek.path("MetricName").asText().equals("Afgewezen")) {
                    for (JsonNode d : metriek.path("Dimensions")) {
                        if (d.path("Name").asText().equals(nl.termijnwacht.aws.Metrieken.DIMENSIE)) {
                            stats.computeIfAbsent(d.path("Value").asText(), k -> new TreeSet<>()).add(m.at("/MetricStat/Stat").asText());
                        }
                    }
                }
            }
            if (!stats.isEmpty()) {
                assertEquals(functies, stats.keySet(), "every event function counts");
                stats.values().forEach(s -> assertEquals(Set.of("Sum", "SampleCount"), s));
                aandeel = alarm.path("Properties");
            }
        }
        assertNotNull(aandeel, "an alarm on the rejection rate");
        JsonNode terug = null;
        for (JsonNode m : aandeel.path("Metrics")) {
            if (m.path("ReturnData").asBoolean(true)) {
                terug = m;
            }
        }
        assertNotNull(terug);
        assertTrue(terug.path("Expression").asText().contains("100 *"), "a percentage: " + terug);
        double drempel = aandeel.path("Threshold").asDouble();
        assertTrue(drempel > 0 && drempel < 100, "a share, not a count: " + drempel);
        // the queue's depth alarm is for a flood, no longer at the first message
        for (JsonNode alarm : vanType("AWS::CloudWatch::Alarm").values()) {
            JsonNode p = alarm.path("Properties");
            for (JsonNode d : p.path("Dimensions")) {
                if (logischeId(d.path("Value")).equals("AfgewezenQueue")) {
                    assertTrue(p.path("Threshold").asInt() >= 100, "a flood, not one rejection: " + p);
                }
            }
        }
    }
}
