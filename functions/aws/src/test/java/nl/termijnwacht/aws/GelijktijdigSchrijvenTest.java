package nl.termijnwacht.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import nl.termijnwacht.aws.MeldingenLedger.Claim;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Conditional writes racing each other, as concurrent Lambda instances make them. The optimistic locking of
 * zaken and escalation items and the ledger's claims rely on DynamoDB checking a condition and writing as one
 * step. moto on its own does not (it lost 1–2 of ~95 updates in two of three runs of a Python probe); the
 * emulator's hook makes it (docs/architectuur.md, "Emulators"). Against a bare moto_server
 * ({@code AWS_ENDPOINT_URL}) the version test failed in 4 of 5 runs, losing 1–4 of ~18 writes.
 */
class GelijktijdigSchrijvenTest {

    private static final Instant NU = Instant.parse("2026-04-13T05:00:00Z");
    private static final int DRADEN = 8;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void tabellen() {
        dynamo = LegeEmulator.dynamo();
        LegeEmulator.maakTabel(dynamo, "Meldingen", "idempotencyKey");
        LegeEmulator.maakTabel(dynamo, "Versies", "id");
    }

    @Test
    void elkeMeldingKrijgtPreciesEenEigenaarAlsRunsTegelijkClaimen() throws Exception {
        MeldingenLedger ledger = new MeldingenLedger(dynamo, "Meldingen", Duration.ofMinutes(5));
        List<Runnable> claims = new ArrayList<>();
        Map<String, AtomicInteger> geclaimd = new ConcurrentHashMap<>();
        for (int melding = 0; melding < 60; melding++) {
            String sleutel = "zaak#GM0363#Z-" + melding + "#VERVALDAG@2026-04-28";
            geclaimd.put(sleutel, new AtomicInteger());
            for (int run = 0; run < 4; run++) {
                String eigenaar = "run-" + run;
                claims.add(() -> {
                    if (ledger.claim(sleutel, "VERVALDAG", NU, eigenaar) == Claim.GECLAIMD) {
                        geclaimd.get(sleutel).incrementAndGet();
                    }
                });
            }
        }
        Collections.shuffle(claims, new Random(20261129));
        tegelijk(claims);
        geclaimd.forEach((sleutel, n) -> assertEquals(1, n.get(), sleutel + ": claimed by exactly one run"));
    }

    @Test
    void eenVersieWordtMaarEenKeerOverschreven() throws Exception {
        // large, like a zaak with its facts: moto spends longer between its check and its write
        Map<String, AttributeValue> feiten = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            feiten.put("feit-" + i, AttributeValue.fromM(Map.of("soort", AttributeValue.fromS("IngebrekestellingOntvangen"),
                    "datum", AttributeValue.fromS("2026-03-10"))));
        }
        dynamo.putItem(b -> b.tableName("Versies").item(Map.of("id", AttributeValue.fromS("zaak"), "versie", AttributeValue.fromN("0"))));
        AtomicInteger geschreven = new AtomicInteger();
        List<Runnable> schrijvers = new ArrayList<>();
        for (int d = 0; d < DRADEN; d++) {
            schrijvers.add(() -> {
                for (int i = 0; i < 12; i++) {
                    long versie = opgeslagenVersie();
                    try {
                        dynamo.putItem(b -> b.tableName("Versies")
                                .item(Map.of("id", AttributeValue.fromS("zaak"), "versie", AttributeValue.fromN(Long.toString(versie + 1)),
                                        "feiten", AttributeValue.fromM(feiten)))
                                .conditionExpression("versie = :v").expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(versie)))));
                        geschreven.incrementAndGet();
                    } catch (ConditionalCheckFailedException anderWasEerder) {
                        // another writer stored this version first: read again
                    }
                }
            });
        }
        tegelijk(schrijvers);
        long eind = opgeslagenVersie();
        assertTrue(geschreven.get() > DRADEN, "the writers did overlap and succeed: " + geschreven.get());
        assertEquals(geschreven.get(), eind, "every successful conditional write is one version: none was overwritten");
    }

    /**
     * A transaction is all or nothing, also on the emulator, whose hook backs up only the items a transaction touches
     * (docs/architectuur.md, "Emulators"): a condition that fails on the last action undoes the put, update and delete
     * before it; one that passes writes all of them.
     */
    @Test
    void eenTransactieIsAllesOfNiets() {
        LegeEmulator.maakTabel(dynamo, "Transacties", "id");
        dynamo.putItem(b -> b.tableName("Transacties").item(Map.of("id", AttributeValue.fromS("teller"), "n", AttributeValue.fromN("5"))));
        dynamo.putItem(b -> b.tableName("Transacties").item(Map.of("id", AttributeValue.fromS("weg"), "n", AttributeValue.fromN("1"))));
        dynamo.putItem(b -> b.tableName("Transacties").item(Map.of("id", AttributeValue.fromS("zaak"), "versie", AttributeValue.fromN("3"))));
        java.util.function.Function<String, software.amazon.awssdk.services.dynamodb.model.TransactWriteItem> zaakMetVersie = v ->
                software.amazon.awssdk.services.dynamodb.model.TransactWriteItem.builder().put(p -> p.tableName("Transacties")
                        .item(Map.of("id", AttributeValue.fromS("zaak"), "versie", AttributeValue.fromN("4")))
                        .conditionExpression("versie = :v").expressionAttributeValues(Map.of(":v", AttributeValue.fromN(v)))).build();
        List<software.amazon.awssdk.services.dynamodb.model.TransactWriteItem> voor = List.of(
                software.amazon.awssdk.services.dynamodb.model.TransactWriteItem.builder().put(p -> p.tableName("Transacties")
                        .item(Map.of("id", AttributeValue.fromS("nieuw"), "n", AttributeValue.fromN("1")))).build(),
                software.amazon.awssdk.services.dynamodb.model.TransactWriteItem.builder().update(u -> u.tableName("Transacties")
                        .key(Map.of("id", AttributeValue.fromS("teller"))).updateExpression("ADD n :d").expressionAttributeValues(Map.of(":d", AttributeValue.fromN("2")))).build(),
                software.amazon.awssdk.services.dynamodb.model.TransactWriteItem.builder().delete(d -> d.tableName("Transacties")
                        .key(Map.of("id", AttributeValue.fromS("weg")))).build());
        List<software.amazon.awssdk.services.dynamodb.model.TransactWriteItem> mislukt = new ArrayList<>(voor);
        mislukt.add(zaakMetVersie.apply("2")); // the stored version is 3: cancelled
        var fout = org.junit.jupiter.api.Assertions.assertThrows(software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException.class,
                () -> dynamo.transactWriteItems(t -> t.transactItems(mislukt)));
        assertEquals("ConditionalCheckFailed", fout.cancellationReasons().get(3).code());
        assertTrue(dynamo.getItem(b -> b.tableName("Transacties").consistentRead(true).key(Map.of("id", AttributeValue.fromS("nieuw")))).item().isEmpty(),
                "the put is undone");
        assertEquals("5", item("teller").get("n").n(), "the update is undone");
        assertEquals("1", item("weg").get("n").n(), "the delete is undone");
        assertEquals("3", item("zaak").get("versie").n());

        List<software.amazon.awssdk.services.dynamodb.model.TransactWriteItem> goed = new ArrayList<>(voor);
        goed.add(zaakMetVersie.apply("3"));
        dynamo.transactWriteItems(t -> t.transactItems(goed));
        assertEquals("1", item("nieuw").get("n").n());
        assertEquals("7", item("teller").get("n").n());
        assertTrue(dynamo.getItem(b -> b.tableName("Transacties").consistentRead(true).key(Map.of("id", AttributeValue.fromS("weg")))).item().isEmpty());
        assertEquals("4", item("zaak").get("versie").n());
    }

    private static Map<String, AttributeValue> item(String id) {
        return dynamo.getItem(b -> b.tableName("Transacties").consistentRead(true).key(Map.of("id", AttributeValue.fromS(id)))).item();
    }

    private static long opgeslagenVersie() {
        return Long.parseLong(dynamo.getItem(b -> b.tableName("Versies").consistentRead(true)
                .key(Map.of("id", AttributeValue.fromS("zaak")))).item().get("versie").n());
    }

    private static void tegelijk(List<Runnable> taken) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(DRADEN);
        try {
            List<Future<?>> klaar = new ArrayList<>();
            taken.forEach(t -> klaar.add(pool.submit(t)));
            for (Future<?> f : klaar) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
