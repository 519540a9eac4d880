package nl.termijnwacht.aws;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.time.ZoneId;
import nl.termijnwacht.core.Escalatie;
import nl.termijnwacht.core.Escalatietelling;
import nl.termijnwacht.core.Feit;
import nl.termijnwacht.core.Feitsoort;
import nl.termijnwacht.core.Zaakdossier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Table {@code Escalaties}: per item its history (one compact line per step, {@link Escalatie.Stap#inhoud()}),
 * the notices already sent, a version for optimistic locking, what a listing shows (status, level, since,
 * respond-by) and — while it is open or a notice is unsent — {@code dueShard}/{@code dueAt} in the same sparse
 * {@link DueIndex} as Zaken (docs/escalatie.md).
 */
public final class EscalatieRepository {

    private final DynamoDbClient dynamo;
    private final String tabel;
    private final DueIndex dueIndex;
    private final Tellers tellers;

    /** @param tellers the counters each item's change of level or state is added to, in the same transaction */
    public EscalatieRepository(DynamoDbClient dynamo, String tabel, int shards, Tellers tellers) {
        this.tellers = java.util.Objects.requireNonNull(tellers);
        this.dynamo = dynamo;
        this.tabel = tabel;
        this.dueIndex = new DueIndex(dynamo, tabel, shards);
    }

    public static EscalatieRepository van(AwsClients aws) {
        return new EscalatieRepository(aws.dynamoDb(), aws.omgeving().escalatiesTabel(), aws.omgeving().dueShards(), Tellers.van(aws));
    }

    /** A stored item, its version and what it added to the counters when it was stored (null: read from the due index). */
    public record Opgeslagen(Escalatie escalatie, long versie, Escalatietelling telling) {
    }

    /** Another writer changed the item since it was read: read it again and redo the work. */
    public static final class GelijktijdigGewijzigd extends Versieconflict {
        GelijktijdigGewijzigd(String id) {
            super("escalatie " + id + " is tegelijk gewijzigd");
        }
    }

    /** @throws IllegalStateException naming the item when it is corrupt */
    public Optional<Opgeslagen> lees(String id) {
        GetItemResponse r = dynamo.getItem(b -> b.tableName(tabel).consistentRead(true).key(sleutel(id)));
        if (!r.hasItem() || r.item().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(opgeslagen(r.item()));
    }

    /**
     * The item as the due index carries it (template.yaml projects what the scanner needs); empty when it lacks it. The
     * index does not carry what the item counted ({@code telling} null): {@link #bewaar} derives it from the item as
     * read, on the condition that it is what is stored (ZaakRepository#uitIndex).
     */
    public Optional<Opgeslagen> uitIndex(Map<String, AttributeValue> indexItem) {
        if (!indexItem.containsKey("versie") || !indexItem.containsKey("geschiedenis")) {
            return Optional.empty();
        }
        Opgeslagen o = opgeslagen(indexItem);
        return Optional.of(new Opgeslagen(o.escalatie(), o.versie(), null));
    }

    private Opgeslagen opgeslagen(Map<String, AttributeValue> item) {
        String id = item.get("escalatie").s();
        try {
            List<Escalatie.Stap> stappen = new ArrayList<>();
            for (AttributeValue s : item.get("geschiedenis").l()) {
                stappen.add(Escalatie.Stap.uitInhoud(s.s()));
            }
            Set<String> verzonden = item.containsKey("verzonden") ? new TreeSet<>(item.get("verzonden").ss()) : Set.of();
            Escalatie e = new Escalatie(id, item.get("ladder").s(), tekst(item, "gemeente"), tekst(item, "zaak"), item.get("onderwerp").s(), stappen, verzonden);
            return new Opgeslagen(e, Long.parseLong(item.get("versie").n()), Escalatietelling.lees(scope(e), tekst(item, "telling")));
        } catch (RuntimeException e) {
            throw new IllegalStateException("escalatie " + id + ": opgeslagen item is onleesbaar: " + e.getMessage(), e);
        }
    }

    /**
     * Opens a new item, only if no item with its id exists: one zaak opens at most one item, however many runs try.
     *
     * @return false when it existed already
     */
    public boolean open(Escalatie e, Instant due, LocalDate reactieUiterlijk, Instant nu) {
        Escalatietelling telling = Escalatietelling.van(e, Integer.MAX_VALUE); // a new item is never at the top yet
        Map<String, AttributeValue> item = item(e, 0, telling, due, reactieUiterlijk, nu);
        try {
            schrijf(item, "attribute_not_exists(escalatie)", null, tellers.escalatieUpdate(e.id(), Escalatietelling.geen(e), telling));
            return true;
        } catch (ConditionalCheckFailedException bestaat) {
            return false;
        } catch (TransactionCanceledException t) {
            if (t.cancellationReasons().get(0).code().equals("ConditionalCheckFailed")) {
                return false;
            }
            throw Tellers.conflict(t) ? new GelijktijdigGewijzigd(e.id()) : t;
        }
    }

    /** The item alone when its counts did not change, else the item and its counters in one transaction. */
    private void schrijf(Map<String, AttributeValue> item, String voorwaarde, Map<String, AttributeValue> waarden, TransactWriteItem teller) {
        if (teller == null) {
            dynamo.putItem(PutItemRequest.builder().tableName(tabel).item(item).conditionExpression(voorwaarde).expressionAttributeValues(waarden).build());
        } else {
            dynamo.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().put(p -> p.tableName(tabel).item(item).conditionExpression(voorwaarde).expressionAttributeValues(waarden)).build(),
                    teller));
        }
    }

    /**
     * Stores the item as version {@code versie + 1}, only if nobody stored another version since.
     *
     * @param volgende when a scanner must look at it again, or null: it leaves the due index
     * @throws GelijktijdigGewijzigd when the stored version is no longer {@code versie}
     */
    public void bewaar(Escalatie e, Opgeslagen vorig, int topniveau, Instant volgende, LocalDate reactieUiterlijk, Instant nu) {
        Escalatietelling telling = Escalatietelling.van(e, topniveau);
        Map<String, AttributeValue> item = item(e, vorig.versie(), telling, volgende, reactieUiterlijk, nu);
        Escalatietelling oud = vorig.telling();
        String voorwaarde = "versie = :v";
        Map<String, AttributeValue> waarden = new HashMap<>(Map.of(":v", n(vorig.versie())));
        if (oud == null) {
            // read from the due index: what it counted follows from the item as read, if that is what is stored
            oud = Escalatietelling.van(vorig.escalatie(), topniveau);
            voorwaarde += " AND telling = :t";
            waarden.put(":t", s(oud.inhoud()));
        }
        try {
            schrijf(item, voorwaarde, waarden, tellers.escalatieUpdate(e.id(), oud, telling));
        } catch (ConditionalCheckFailedException conflict) {
            throw new GelijktijdigGewijzigd(e.id());
        } catch (TransactionCanceledException t) {
            throw Tellers.conflict(t) ? new GelijktijdigGewijzigd(e.id()) : t;
        }
    }

    private static String scope(Escalatie e) {
        return Escalatietelling.geen(e).scope();
    }

    private Map<String, AttributeValue> item(Escalatie e, long versie, Escalatietelling telling, Instant volgende, LocalDate reactieUiterlijk, Instant nu) {
        Map<String, AttributeValue> item = new HashMap<>(sleutel(e.id()));
        item.put("versie", n(versie + 1));
        item.put("telling", s(telling.inhoud()));
        item.put("ladder", s(e.ladder()));
        if (e.gemeente() != null) {
            item.put("gemeente", s(e.gemeente()));
        }
        if (e.zaak() != null) {
            item.put("zaak", s(e.zaak()));
        }
        item.put("onderwerp", s(e.onderwerp()));
        List<AttributeValue> stappen = new ArrayList<>();
        e.geschiedenis().forEach(st -> stappen.add(s(st.inhoud())));
        item.put("geschiedenis", AttributeValue.fromL(stappen));
        if (!e.verzonden().isEmpty()) {
            item.put("verzonden", AttributeValue.fromSs(new ArrayList<>(e.verzonden())));
        }
        // what a listing or a report reads without the ladder
        Escalatie.Stand st = e.stand();
        item.put("status", s(st.open() ? "OPEN" : "OPGELOST"));
        item.put("niveau", n(st.niveau()));
        item.put("sinds", s(st.sinds().toString()));
        item.put("geopend", s(st.geopend().toString()));
        if (reactieUiterlijk != null) {
            item.put("reactieUiterlijk", s(reactieUiterlijk.toString()));
        }
        item.put("bijgewerkt", s(nu.toString()));
        dueIndex.zet(item, e.id(), volgende);
        return item;
    }

    /**
     * The item a lapsed zaak opens on ladder termijnoverschrijding at level 1 (docs/escalatie.md, "The link with zaken"), due at
     * once so the escalatie-scanner tells level 1 on its next run. Opening twice is a no-op.
     */
    public boolean openVoorZaak(Zaakdossier dossier, LocalDate uitersteBeslisdatum, Instant nu, ZoneId zone) {
        return open(Escalatie.voorVerstrekenZaak(dossier.gemeente(), dossier.zaak(), uitersteBeslisdatum, LocalDate.ofInstant(nu, zone)), nu, null, nu);
    }

    /**
     * Solves the zaak's item, if it has an open one, because the zaak got a besluit or was withdrawn; every level
     * that was told gets an OPGELOST notice from the escalatie-scanner's next run. Safe to repeat.
     */
    public void sluitVoorZaak(Zaakdossier dossier, Instant nu) {
        Feit afsluiting = dossier.afsluiting().orElse(null);
        if (afsluiting == null) {
            return;
        }
        String reden = (afsluiting.soort() == Feitsoort.BESLUIT_BEKENDGEMAAKT ? "besluit bekendgemaakt op " : "aanvraag ingetrokken op ") + afsluiting.datum();
        String id = Escalatie.idVoorZaak(dossier.gemeente(), dossier.zaak());
        Versieconflict.herhaal(() -> lees(id).orElse(null), o -> {
            if (o != null && o.escalatie().open()) {
                bewaar(o.escalatie().sluitVanzelf(reden, afsluiting.datum()), o, Integer.MAX_VALUE, nu, null, nu);
            }
            return null;
        });
    }

    /**
     * Bulk import of new items (measurements), each due at its instant and counted at its level ({@code topniveau}
     * gives its ladder's top): per scope, 99 items and their counts in one transaction, each only if new.
     */
    public void importeer(List<Escalatie> items, List<Instant> due, java.util.function.ToIntFunction<Escalatie> topniveau, Instant nu) {
        Map<String, List<Integer>> perScope = new java.util.LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            perScope.computeIfAbsent(scope(items.get(i)), k -> new ArrayList<>()).add(i);
        }
        perScope.forEach((scope, nummers) -> {
            for (int i = 0; i < nummers.size(); i += 99) {
                List<TransactWriteItem> acties = new ArrayList<>();
                Map<String, Integer> som = new java.util.TreeMap<>();
                Map<String, String> top = new java.util.TreeMap<>();
                for (int j : nummers.subList(i, Math.min(i + 99, nummers.size()))) {
                    Escalatie e = items.get(j);
                    Escalatietelling t = Escalatietelling.van(e, topniveau.applyAsInt(e));
                    Map<String, AttributeValue> item = item(e, 0, t, due.get(j), null, nu);
                    acties.add(TransactWriteItem.builder().put(p -> p.tableName(tabel).item(item).conditionExpression("attribute_not_exists(escalatie)")).build());
                    t.verschil(Escalatietelling.geen(e)).forEach((k, v) -> som.merge(k, v, Integer::sum));
                    if (t.bovenaan() != null) {
                        top.put(e.id(), t.bovenaan());
                    }
                }
                acties.add(tellers.escalatieImport(scope, som, top));
                dynamo.transactWriteItems(t -> t.transactItems(acties));
            }
        });
    }

    /** Every item still in the due index (open, or with a notice unsent), without scanning: a Query per shard. */
    public List<Opgeslagen> inIndex() {
        List<Opgeslagen> lijst = new ArrayList<>();
        for (int shard = 0; shard < dueIndex.shards(); shard++) {
            for (Map<String, AttributeValue> k : dueIndex.due(shard, Instant.MAX)) {
                lijst.add(uitIndex(k).orElseGet(() -> lees(id(k)).orElse(null)));
            }
        }
        lijst.removeIf(java.util.Objects::isNull);
        return lijst;
    }

    public DueIndex dueIndex() {
        return dueIndex;
    }

    /** A priming step ({@link Priming}): reads the key no item has. */
    public void primeer() {
        lees(Priming.SLEUTEL);
    }

    /** The item a due-index entry points at. */
    public static String id(Map<String, AttributeValue> indexItem) {
        return indexItem.get("escalatie").s();
    }

    private static String tekst(Map<String, AttributeValue> item, String naam) {
        return item.containsKey(naam) ? item.get(naam).s() : null;
    }

    private static Map<String, AttributeValue> sleutel(String id) {
        return Map.of("escalatie", s(id));
    }

    private static AttributeValue s(String waarde) {
        return AttributeValue.fromS(waarde);
    }

    private static AttributeValue n(long waarde) {
        return AttributeValue.fromN(Long.toString(waarde));
    }
}
