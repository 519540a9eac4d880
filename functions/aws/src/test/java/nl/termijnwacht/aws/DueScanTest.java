package nl.termijnwacht.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import nl.termijnwacht.emulator.Emulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The contract of the shared exactly-once engine, {@link DueScan}, with an in-memory work type: items are due in a
 * real due index, notifications are claimed in a real ledger and published to a real topic (all on the emulator), and
 * what the engine asks of its {@link DueScan.Werk} (read, plan, advance) is recorded in memory. No scanner of the
 * product takes part, so this holds for every function built on the engine.
 */
class DueScanTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NU = Instant.parse("2026-04-13T05:00:00Z");

    private DynamoDbClient dynamo;
    private DueIndex index;
    private MeldingenLedger ledger;
    private String topic;
    private String wachtrij;
    private SqsClient sqs;
    private DueScan<Werkstuk> scan;

    /** An item of the in-memory work type: {@code meldingen} notifications due now, to {@code topic}. */
    record Werkstuk(String id, int meldingen, String topic) {
    }

    /** The work type: a map of items, and a log of what the engine asked. */
    final class Werk implements DueScan.Werk<Werkstuk> {
        final Map<String, Werkstuk> items = new ConcurrentHashMap<>();
        final Map<String, Set<String>> bijgewerkt = new ConcurrentHashMap<>();
        final Set<String> conflict = ConcurrentHashMap.newKeySet();
        final Set<String> kapot = ConcurrentHashMap.newKeySet();
        final AtomicInteger gelezen = new AtomicInteger();

        void due(Werkstuk w) {
            items.put(w.id(), w);
            Map<String, AttributeValue> item = new HashMap<>(Map.of("sleutel", AttributeValue.fromS(w.id())));
            index.zet(item, w.id(), NU.minusSeconds(60));
            dynamo.putItem(b -> b.tableName("Werk").item(item));
        }

        @Override
        public Optional<Werkstuk> lees(Map<String, AttributeValue> sleutel) {
            gelezen.incrementAndGet();
            String id = sleutel.get("sleutel").s();
            if (kapot.contains(id)) {
                throw new IllegalStateException("onleesbaar");
            }
            return Optional.ofNullable(items.get(id));
        }

        @Override
        public String naam(Map<String, AttributeValue> sleutel) {
            return "werk " + sleutel.get("sleutel").s();
        }

        @Override
        public DueScan.Plan plan(Werkstuk w, Instant nu) {
            List<DueScan.Uitgaand> uit = new ArrayList<>();
            for (int i = 0; i < w.meldingen(); i++) {
                String sleutel = w.id() + "#" + i;
                uit.add(new DueScan.Uitgaand(w.topic(), sleutel, "PROEF", "m" + i, "onderwerp", "tekst " + sleutel,
                        JSON.createObjectNode().put("sleutel", sleutel), Map.of("soort", "PROEF", "idempotencyKey", sleutel)));
            }
            return new DueScan.Plan(uit);
        }

        @Override
        public void werkBij(Werkstuk w, Set<String> verzonden, Instant nu) {
            if (conflict.remove(w.id())) {
                throw new Versieconflict("werk " + w.id() + " is tegelijk gewijzigd") {
                };
            }
            bijgewerkt.merge(w.id(), new TreeSet<>(verzonden), (a, b) -> {
                Set<String> s = new TreeSet<>(a);
                s.addAll(b);
                return s;
            });
        }
    }

    @BeforeEach
    void stack() {
        Emulator emulator = Emulator.forTests();
        assertTrue(emulator.reset(), "the tests need an emulator they can clear (moto_server)");
        AwsClients aws = new AwsClients(Omgeving.uit(Map.of("AWS_REGION", Emulator.REGION, "AWS_ENDPOINT_URL", emulator.endpoint().toString())));
        dynamo = aws.dynamoDb();
        dynamo.createTable(b -> b.tableName("Werk").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("sleutel").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName(DueIndex.SHARD).attributeType(ScalarAttributeType.N),
                        a -> a.attributeName(DueIndex.DUE_AT).attributeType(ScalarAttributeType.N))
                .keySchema(k -> k.attributeName("sleutel").keyType(KeyType.HASH))
                .globalSecondaryIndexes(g -> g.indexName(DueIndex.INDEX).projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                        .keySchema(k -> k.attributeName(DueIndex.SHARD).keyType(KeyType.HASH), k -> k.attributeName(DueIndex.DUE_AT).keyType(KeyType.RANGE))));
        LegeEmulator.maakTabel(dynamo, "Meldingen", "idempotencyKey");
        SnsClient sns = aws.sns();
        sqs = aws.sqs();
        topic = sns.createTopic(b -> b.name("proef")).topicArn();
        wachtrij = sqs.createQueue(b -> b.queueName("proef-inbox")).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(wachtrij).attributeNamesWithStrings("QueueArn")).attributesAsStrings().get("QueueArn");
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(arn).attributes(Map.of("RawMessageDelivery", "true")));
        index = new DueIndex(dynamo, "Werk", 4);
        ledger = new MeldingenLedger(dynamo, "Meldingen", Duration.ofMinutes(5));
        scan = new DueScan<>(index, ledger, new Publisher(sns, JSON), new Parallel(4));
    }

    /** Every notification in the inbox, by idempotencyKey, with how often it arrived. */
    private Map<String, Integer> ontvangen() {
        Map<String, Integer> n = new TreeMap<>();
        while (true) {
            var berichten = sqs.receiveMessage(b -> b.queueUrl(wachtrij).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (berichten.isEmpty()) {
                return n;
            }
            for (var m : berichten) {
                try {
                    n.merge(JSON.readTree(m.body()).path("sleutel").asText(), 1, Integer::sum);
                } catch (java.io.IOException e) {
                    throw new AssertionError(m.body(), e);
                }
                sqs.deleteMessage(b -> b.queueUrl(wachtrij).receiptHandle(m.receiptHandle()));
            }
        }
    }

    @Test
    void claimtPubliceertPerBatchVanTienEnWerktElkItemBijMetWatVerzondenIs() {
        Werk werk = new Werk();
        for (int i = 0; i < 5; i++) {
            werk.due(new Werkstuk("w" + i, 5, topic)); // 25 notifications: three batches of at most ten
        }
        DueScan.Verslag v = scan.voerUit(werk, NU, "run-1");
        assertTrue(v.geslaagd(), v.toString());
        assertEquals(5, v.bekeken());
        assertEquals(25, v.verzonden());
        assertEquals(5, werk.gelezen.get(), "one read per due item");
        Map<String, Integer> inbox = ontvangen();
        assertEquals(25, inbox.size());
        assertTrue(inbox.values().stream().allMatch(n -> n == 1), inbox.toString());
        assertEquals(Set.of("m0", "m1", "m2", "m3", "m4"), werk.bijgewerkt.get("w3"), "each item records what was sent for it");

        // a second run finds every notification SENT in the ledger: nothing is published again, the items are still advanced
        DueScan.Verslag opnieuw = scan.voerUit(werk, NU.plusSeconds(900), "run-2");
        assertEquals(0, opnieuw.verzonden());
        assertEquals(25, opnieuw.alVerzonden());
        assertTrue(ontvangen().isEmpty());
    }

    @Test
    void eenClaimVanEenAndereRunBinnenDeLeaseBlijftLiggen() {
        Werk werk = new Werk();
        werk.due(new Werkstuk("w0", 3, topic));
        assertEquals(MeldingenLedger.Claim.GECLAIMD, ledger.claim("w0#1", "PROEF", NU, "andere-run"));
        DueScan.Verslag v = scan.voerUit(werk, NU, "run-1");
        assertEquals(2, v.verzonden());
        assertEquals(1, v.bezet());
        assertEquals(Set.of("w0#0", "w0#2"), ontvangen().keySet());
        assertEquals(Set.of("m0", "m2"), werk.bijgewerkt.get("w0"), "only what this run sent is recorded");
    }

    @Test
    void eenMislukteBatchStoptDeAnderenNietEnWordtDeVolgendeRunAlsnogVerzonden() {
        Werk werk = new Werk();
        String weg = topic.replace(":proef", ":bestaat-niet");
        werk.due(new Werkstuk("goed", 4, topic));
        werk.due(new Werkstuk("fout", 3, weg)); // its own batch (per topic), which SNS refuses
        DueScan.Verslag v = scan.voerUit(werk, NU, "run-1");
        assertFalse(v.geslaagd(), "the run reports what was left, so the alarm fires");
        assertEquals(4, v.verzonden());
        assertEquals(3, v.mislukt());
        assertEquals(4, ontvangen().size(), "the other batch went out");
        assertFalse(werk.bijgewerkt.getOrDefault("fout", Set.of()).contains("m0"), "nothing unsent is recorded as sent");

        // released at once, not held for the lease: once the topic is right, the next run sends them
        werk.items.put("fout", new Werkstuk("fout", 3, topic));
        DueScan.Verslag volgende = scan.voerUit(werk, NU.plusSeconds(60), "run-2");
        assertEquals(3, volgende.verzonden());
        assertEquals(3, ontvangen().size());
    }

    @Test
    void eenOnleesbaarItemOfEenVersieconflictStoptDeAnderenNiet() {
        Werk werk = new Werk();
        werk.due(new Werkstuk("kapot", 2, topic));
        werk.due(new Werkstuk("bezet", 2, topic));
        werk.due(new Werkstuk("goed", 2, topic));
        werk.kapot.add("kapot");
        werk.conflict.add("bezet");
        DueScan.Verslag v = scan.voerUit(werk, NU, "run-1");
        assertEquals(List.of("werk kapot: onleesbaar"), v.itemFouten(), "an unreadable item is named and fails the run");
        assertEquals(4, v.verzonden(), "the others are published");
        assertEquals(1, v.bezet(), "a version conflict is another run advancing the item: busy, not a fault");
        assertEquals(Set.of("bezet#0", "bezet#1", "goed#0", "goed#1"), ontvangen().keySet());
        assertFalse(werk.bijgewerkt.containsKey("bezet"));
        assertEquals(Set.of("m0", "m1"), werk.bijgewerkt.get("goed"));
    }
}
