package nl.termijnwacht.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import nl.termijnwacht.functions.stelselrapportage.StelselrapportageHandler;
import nl.termijnwacht.local.Keten;
import nl.termijnwacht.aws.EscalatieRepository;
import nl.termijnwacht.aws.MeldingenLedger;
import nl.termijnwacht.aws.ZaakRepository;
import nl.termijnwacht.core.Escalatie;
import nl.termijnwacht.core.Zaakstand;
import nl.termijnwacht.functions.escalatieevents.EscalatieEventsHandler;
import nl.termijnwacht.functions.escalatiescanner.EscalatieScannerHandler;
import nl.termijnwacht.functions.termijnscanner.TermijnScannerHandler;
import nl.termijnwacht.functions.zaakevents.ZaakEventsHandler;
import nl.termijnwacht.local.LokaleStack;
import nl.termijnwacht.local.Proefdata;
import nl.termijnwacht.local.Storingsproxy;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Least privilege: each function's policy in template.yaml names exactly the actions the function calls.
 * The calls are recorded from real runs on the emulator, every path included (a rejected event, a publish
 * that fails and is released, a claim held by another run), and compared with the template both ways.
 */
class RechtenTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Records every SDK call as its IAM action ({@code dynamodb:GetItem}; PublishBatch needs {@code sns:Publish}). */
    static final class Opnemer implements ExecutionInterceptor {
        final Set<String> acties = java.util.Collections.synchronizedSet(new TreeSet<>());

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            String dienst = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME).toLowerCase(java.util.Locale.ROOT);
            String operatie = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest t) {
                // a transaction is authorised action by action: each Put, Update, Delete or ConditionCheck in it
                for (var item : t.transactItems()) {
                    acties.add(dienst + ":" + (item.put() != null ? "PutItem" : item.update() != null ? "UpdateItem"
                            : item.delete() != null ? "DeleteItem" : "ConditionCheckItem"));
                }
                return;
            }
            acties.add(dienst + ":" + (operatie.equals("PublishBatch") ? "Publish" : operatie));
        }
    }

    private static Set<String> templateActies(String functie) throws IOException {
        JsonNode template = new ObjectMapper(new YAMLFactory()).readTree(Path.of("../../template.yaml").toFile());
        Set<String> acties = new TreeSet<>();
        for (JsonNode policy : template.at("/Resources/" + functie + "/Properties/Policies")) {
            assertFalse(policy.has("DynamoDBCrudPolicy") || policy.has("DynamoDBReadPolicy"), functie + ": only explicit actions, no managed templates");
            for (JsonNode statement : policy.path("Statement")) {
                String sid = statement.path("Sid").asText();
                if (sid.equals("SqsVersleuteling") || sid.equals("TabelVersleuteling")) {
                    // SQS (a send to an encrypted queue, Lambda's OnFailure record) or DynamoDB (a table encrypted with the
                    // stack's key) calls KMS on the role's behalf: not an SDK call of the code, so never recorded. Such a
                    // statement holds only that, and only through that service.
                    Set<String> kms = new TreeSet<>();
                    statement.path("Action").forEach(a -> kms.add(a.asText()));
                    assertEquals(Set.of("kms:Decrypt", "kms:GenerateDataKey"), kms, functie + ": " + sid);
                    String via = statement.path("Condition").path("StringEquals").path("kms:ViaService").toString();
                    assertTrue(via.contains(sid.equals("SqsVersleuteling") ? "sqs." : "dynamodb."), functie + ": " + sid + " only through its service: " + via);
                    continue;
                }
                statement.path("Action").forEach(a -> acties.add(a.asText()));
            }
        }
        return acties;
    }

    private static void invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler h, String event) throws IOException {
        h.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), null);
    }

    @Test
    void zaakEventsVraagtPreciesWatHetGebruikt() throws IOException {
        LokaleStack stack = LokaleStack.voorTest();
        Opnemer opnemer = new Opnemer();
        ZaakEventsHandler handler = ZaakEventsHandler.bouw(stack.clients(List.of(opnemer)), Clock.fixed(Instant.parse("2026-07-21T10:00:00Z"), ZoneOffset.UTC));
        try (Stream<Path> voorbeelden = Files.list(Path.of("../../events/zaak-events"))) {
            for (Path p : voorbeelden.sorted().toList()) {
                invoke(handler, Files.readString(p));
            }
        }
        invoke(handler, Files.readString(Path.of("../../events/afgewezen/verlenging-te-lang.json")));
        assertEquals(templateActies("ZaakEventsFunction"), opnemer.acties);
    }

    @Test
    void deTermijnScannerVraagtPreciesWatHijGebruikt_enScantNooit() throws IOException {
        LokaleStack stack = LokaleStack.voorTest();
        Instant nu = Instant.parse("2026-06-15T05:00:00Z");
        Proefdata.vul(stack, 0, 3, nu);
        Opnemer opnemer = new Opnemer();
        // a claim held by another run: the scanner reads the ledger to see whose it is
        ZaakRepository zaken = ZaakRepository.van(stack.clients(), JSON);
        var zaak = zaken.lees("GM0100", "Z-0").orElseThrow();
        var stand = Zaakstand.bepaal(zaak.dossier(), zaak.verzonden(), nu, stack.omgeving().instellingen());
        new MeldingenLedger(stack.clients().dynamoDb(), stack.omgeving().meldingenTabel(), stack.omgeving().lease())
                .claim(stand.melding(stand.planning().nuVersturen().getFirst(), nu).idempotencyKey(), "VERSTREKEN", nu, "een-andere-run");
        // a run whose every publish fails releases its claims
        try (Storingsproxy proxy = Storingsproxy.start(stack.endpoint(), 1.0, 1, v -> v.operatie().equals("PublishBatch"))) {
            TermijnScannerHandler gestoord = TermijnScannerHandler.bouw(stack.clientsVia(proxy.uri(), List.of(opnemer)), Clock.fixed(nu, ZoneOffset.UTC));
            assertThrows(IllegalStateException.class, () -> invoke(gestoord, "{}"), "a run with failed publishes fails (the alarm)");
        }
        // and a run that publishes, marks SENT and advances the zaken
        invoke(TermijnScannerHandler.bouw(stack.clients(List.of(opnemer)), Clock.fixed(nu, ZoneOffset.UTC)), "{}");
        assertFalse(opnemer.acties.contains("dynamodb:Scan"), "the scanner never scans");
        assertEquals(templateActies("TermijnScannerFunction"), opnemer.acties);
    }

    @Test
    void escalatieEventsVraagtPreciesWatHetGebruikt() throws IOException {
        LokaleStack stack = LokaleStack.voorTest();
        Instant nu = Instant.parse("2026-04-30T08:00:00Z"); // level 1 is at turn: Opgepakt.json is accepted, the others are not
        EscalatieRepository escalaties = EscalatieRepository.van(stack.clients());
        // level 1 was sent its notice, so it may answer
        Escalatie geopend = Escalatie.voorVerstrekenZaak("GM0363", "ZAAK-2026-0001", java.time.LocalDate.parse("2026-04-28"),
                java.time.LocalDate.parse("2026-04-29"));
        escalaties.open(geopend.metVerzonden(java.util.Set.of("escalatie#" + geopend.id() + "#1#ESCALATIE#1")), nu, null, nu);
        Opnemer opnemer = new Opnemer();
        EscalatieEventsHandler handler = EscalatieEventsHandler.bouw(stack.clients(List.of(opnemer)), Clock.fixed(nu, ZoneOffset.UTC));
        try (Stream<Path> voorbeelden = Files.list(Path.of("../../events/escalatie-events"))) {
            for (Path p : voorbeelden.sorted().toList()) {
                invoke(handler, Files.readString(p));
            }
        }
        invoke(handler, Files.readString(Path.of("../../events/afgewezen/antwoord-onbekende-escalatie.json")));
        // an answer that closes an item changes the report's counters, in the same transaction
        Escalatie tweede = Escalatie.voorVerstrekenZaak("GM0363", "ZAAK-2026-0002", java.time.LocalDate.parse("2026-04-28"),
                java.time.LocalDate.parse("2026-04-29"));
        escalaties.open(tweede.metVerzonden(java.util.Set.of("escalatie#" + tweede.id() + "#1#ESCALATIE#1")), nu, null, nu);
        assertEquals("VERWERKT", Keten.invoke(handler, Keten.antwoordEvent("evt-opgelost-2", "Opgelost", nu,
                Keten.detail(tweede.id(), 1, "2026-04-30", "aanvrager heeft de aanvraag mondeling ingetrokken; bevestiging volgt"))).path("resultaat").asText());
        assertEquals(templateActies("EscalatieEventsFunction"), opnemer.acties);
    }

    @Test
    void deStelselrapportageVraagtPreciesWatZeGebruikt() throws IOException {
        Keten keten = Keten.voorTest();
        // zaken told in week 10, so the report of week 17 folds their counters (Query, and a transaction: Put and Delete)
        keten.ontvang("GM0363", "ZAAK-2026-0001", "2026-03-02");
        keten.ontvang("GM0363", "ZAAK-2026-0002", "2026-03-03");
        Opnemer opnemer = new Opnemer();
        Instant maandag = Instant.parse("2026-04-27T06:00:00Z");
        try (Storingsproxy proxy = Storingsproxy.start(keten.stack().endpoint(), 1.0, 1, v -> v.operatie().equals("PublishBatch"))) {
            var gestoord = StelselrapportageHandler.bouw(keten.stack().clientsVia(proxy.uri(), List.of(opnemer)), Clock.fixed(maandag, ZoneOffset.UTC));
            assertThrows(RuntimeException.class, () -> invoke(gestoord, "{}"), "a failed publish fails the run (the scheduler retries)");
        }
        var handler = StelselrapportageHandler.bouw(keten.stack().clients(List.of(opnemer)), Clock.fixed(maandag, ZoneOffset.UTC));
        invoke(handler, "{}");
        invoke(handler, "{}"); // the scheduler's duplicate: the ledger says it was sent
        assertEquals(templateActies("StelselrapportageFunction"), opnemer.acties);
    }

    @Test
    void deEscalatieScannerVraagtPreciesWatHijGebruikt_enScantNooit() throws IOException {
        LokaleStack stack = LokaleStack.voorTest();
        Instant nu = Instant.parse("2026-05-04T05:00:00Z");
        EscalatieRepository escalaties = EscalatieRepository.van(stack.clients());
        for (int i = 1; i <= 3; i++) {
            escalaties.open(Escalatie.voorVerstrekenZaak("GM0363", "ZAAK-2026-000" + i, java.time.LocalDate.parse("2026-04-28"),
                    java.time.LocalDate.parse("2026-04-29")), nu, null, nu);
        }
        // a claim held by another run: the scanner reads the ledger to see whose it is
        new MeldingenLedger(stack.clients().dynamoDb(), stack.omgeving().meldingenTabel(), stack.omgeving().lease())
                .claim("escalatie#" + Escalatie.idVoorZaak("GM0363", "ZAAK-2026-0001") + "#2#ESCALATIE#2", "ESCALATIE", nu, "een-andere-run");
        Opnemer opnemer = new Opnemer();
        try (Storingsproxy proxy = Storingsproxy.start(stack.endpoint(), 1.0, 1, v -> v.operatie().equals("PublishBatch"))) {
            EscalatieScannerHandler gestoord = EscalatieScannerHandler.bouw(stack.clientsVia(proxy.uri(), List.of(opnemer)), Clock.fixed(nu, ZoneOffset.UTC));
            assertThrows(IllegalStateException.class, () -> invoke(gestoord, "{}"), "a run with failed publishes fails (the alarm)");
        }
        invoke(EscalatieScannerHandler.bouw(stack.clients(List.of(opnemer)), Clock.fixed(nu, ZoneOffset.UTC)), "{}");
        assertFalse(opnemer.acties.contains("dynamodb:Scan"), "the scanner never scans");
        assertEquals(templateActies("EscalatieScannerFunction"), opnemer.acties);
    }
}
