package nl.termijnwacht.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Period;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import nl.termijnwacht.core.Beslistermijn;
import nl.termijnwacht.core.Feit;
import nl.termijnwacht.core.Feitsoort;
import nl.termijnwacht.core.Zaakdossier;
import nl.termijnwacht.core.Zaakstand;
import nl.termijnwacht.core.Zaaktelling;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Table {@code Zaken}: per zaak its facts (keyed by event id, each one compact line {@link Feit#inhoud()}), the milestones already notified, the
 * derived termijn for reports, a version for optimistic locking and, only while a milestone is
 * pending, {@code dueShard}/{@code dueAt} — the sparse {@code DueIndex} the scanner queries.
 */
public final class ZaakRepository {

    public static final String DUE_INDEX = DueIndex.INDEX;

    private final DynamoDbClient dynamo;
    private final String tabel;
    private final DueIndex dueIndex;
    private final ObjectMapper json;
    private final Tellers tellers;

    /** @param tellers the counters every change of a zaak's entries is added to, in the same transaction */
    public ZaakRepository(DynamoDbClient dynamo, String tabel, int shards, ObjectMapper json, Tellers tellers) {
        this.dynamo = dynamo;
        this.tabel = tabel;
        this.dueIndex = new DueIndex(dynamo, tabel, shards);
        this.json = json;
        this.tellers = java.util.Objects.requireNonNull(tellers);
    }

    /** The repository on the table and shards that {@code aws}'s configuration names. */
    public static ZaakRepository van(AwsClients aws, ObjectMapper json) {
        return new ZaakRepository(aws.dynamoDb(), aws.omgeving().zakenTabel(), aws.omgeving().dueShards(), json, Tellers.van(aws));
    }

    /**
     * A stored zaak; {@code versie} 0 means not stored yet. {@code telling} is what it added to the counters when it
     * was stored (a change adds the difference, never the whole again), or null when it was read from the due index,
     * which does not carry it.
     */
    public record Zaak(Zaakdossier dossier, Set<String> verzonden, long versie, Zaaktelling telling) {
        public static Zaak nieuw(String gemeente, String zaak) {
            return new Zaak(Zaakdossier.leeg(gemeente, zaak), Set.of(), 0, Zaaktelling.LEEG);
        }

        /** The same stored zaak with other facts (read from the table: a zaak from the due index changes none). */
        public Zaak met(Zaakdossier dossier) {
            if (telling == null) {
                throw new IllegalStateException("zaak " + this.dossier.zaak() + ": feiten wijzigen vraagt de zaak zoals de tabel hem bewaart");
            }
            return new Zaak(dossier, verzonden, versie, telling);
        }

        /** The same stored zaak with other notifications sent. */
        public Zaak metVerzonden(Set<String> verzonden) {
            return new Zaak(dossier, verzonden, versie, telling);
        }
    }

    public record Sleutel(String gemeente, String zaak) {
    }

    /** Another writer changed the zaak since it was read: read it again and redo the work. */
    public static final class GelijktijdigGewijzigd extends Versieconflict {
        GelijktijdigGewijzigd(Sleutel sleutel) {
            super("zaak " + sleutel.zaak() + " (" + sleutel.gemeente() + ") is tegelijk gewijzigd");
        }
    }

    /**
     * The stored zaak. Its facts are decoded as stored, without today's input rules: they were accepted once,
     * and a tightened rule must not make a zaak unreadable (the engine may still refuse to compute it).
     *
     * @throws IllegalStateException naming the zaak when the item is corrupt
     */
    public Optional<Zaak> lees(String gemeente, String zaak) {
        GetItemResponse r = dynamo.getItem(b -> b.tableName(tabel).consistentRead(true).key(sleutel(gemeente, zaak)));
        if (!r.hasItem() || r.item().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(zaak(r.item()));
    }

    /**
     * The zaak as the due index carries it (facts, what was sent, the version: template.yaml projects them), so a
     * due zaak costs no second read; empty when the entry lacks them (an index of the first release, KEYS_ONLY).
     * The index does not carry the zaak's counter entries (a deployed GSI's projection changes only by replacing it):
     * they are left unknown ({@code telling} null), and {@link #bewaar} takes them to be those of the same facts, on
     * the condition that the stored ones are. The index may trail the table by a moment: the write back is
     * conditional on the version and those entries, and a conflict reads the table.
     */
    public Optional<Zaak> uitIndex(Map<String, AttributeValue> indexItem) {
        if (!indexItem.containsKey("versie") || !indexItem.containsKey("feiten")) {
            return Optional.empty();
        }
        Zaak z = zaak(indexItem);
        return Optional.of(new Zaak(z.dossier(), z.verzonden(), z.versie(), null));
    }

    private Zaak zaak(Map<String, AttributeValue> item) {
        String gemeente = item.get("gemeente").s();
        String zaak = item.get("zaak").s();
        Map<String, Feit> feiten = new LinkedHashMap<>();
        try {
            item.getOrDefault("feiten", AttributeValue.fromM(Map.of())).m().forEach((id, f) -> feiten.put(id, feit(id, f)));
        } catch (RuntimeException e) {
            throw new IllegalStateException("zaak " + zaak + " (" + gemeente + "): " + e.getMessage(), e);
        }
        Set<String> verzonden = item.containsKey("verzonden") ? new TreeSet<>(item.get("verzonden").ss()) : Set.of();
        Map<String, Integer> telling = new HashMap<>();
        item.getOrDefault("telling", AttributeValue.fromM(Map.of())).m().forEach((k, v) -> telling.put(k, Integer.parseInt(v.n())));
        return new Zaak(new Zaakdossier(gemeente, zaak, feiten), verzonden, Long.parseLong(item.get("versie").n()), new Zaaktelling(telling));
    }

    /**
     * A stored fact: the compact line {@link Feit#inhoud()} (a string), or the first version's map
     * {@code {soort, detail}} with the event's detail as JSON, read by turning it into that line.
     */
    private Feit feit(String id, AttributeValue opgeslagen) {
        if (opgeslagen.s() != null) {
            return Feit.uitInhoud(id, opgeslagen.s());
        }
        String soort = opgeslagen.m().get("soort").s();
        JsonNode d;
        try {
            d = json.readTree(opgeslagen.m().get("detail").s());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("opgeslagen feit " + id + " is geen JSON", e);
        }
        String velden = switch (Feitsoort.vanDetailType(soort).orElseThrow(() -> new IllegalArgumentException("opgeslagen feit " + id + " heeft een onbekende soort"))) {
            case AANVRAAG_ONTVANGEN -> d.path("procedure").asText() + "|" + d.path("ontvangen").asText();
            case AANVULLING_GEVRAAGD -> d.path("datum").asText() + "|" + d.path("aanvullenVoor").asText("");
            case OPSCHORTING_MET_INSTEMMING -> d.path("datum").asText() + "|" + d.path("dagen").asText();
            case TERMIJN_VERLENGD -> Period.parse(d.path("duur").asText()).getDays() + "|" + d.path("bekendgemaakt").asText();
            default -> d.path("datum").asText();
        };
        return Feit.uitInhoud(id, soort + "|" + velden);
    }

    /**
     * Stores the zaak as version {@code zaak.versie() + 1}, only if nobody stored another version since. When its
     * counter entries changed ({@code telling} against the stored {@code zaak.telling()}), the difference is added to its
     * gemeente's counters in the same transaction; otherwise it is one plain conditional put, as it was before counters.
     *
     * @param termijn  the derived termijn (null while the receipt is unknown)
     * @param telling  what the zaak adds to the counters now ({@link Zaakstand#telling()})
     * @param volgende when a milestone falls due next, or null: then the zaak leaves the due index
     * @throws GelijktijdigGewijzigd when the stored version is no longer {@code zaak.versie()}, or the counters were
     *                               written by another transaction at that moment: read again and redo
     */
    public void bewaar(Zaak zaak, Beslistermijn termijn, Zaaktelling telling, Instant volgende, Instant nu) {
        Zaakdossier d = zaak.dossier();
        Map<String, AttributeValue> item = item(zaak, termijn, telling, volgende, nu);
        String voorwaarde;
        Map<String, AttributeValue> waarden;
        Map<String, Integer> verschil;
        if (zaak.versie() == 0) {
            voorwaarde = "attribute_not_exists(gemeente)";
            waarden = null;
            verschil = telling.verschil(zaak.telling());
        } else if (zaak.telling() == null) {
            // read from the due index: its entries are taken to be these (the scanner changes no fact), on the condition
            // that they are what is stored; if not (a rule changed, a zaak from before the counters), the retry reads them
            voorwaarde = "versie = :v AND telling = :t";
            waarden = Map.of(":v", n(zaak.versie()), ":t", item.get("telling"));
            verschil = Map.of();
        } else {
            voorwaarde = "versie = :v";
            waarden = Map.of(":v", n(zaak.versie()));
            verschil = telling.verschil(zaak.telling());
        }
        try {
            if (verschil.isEmpty()) {
                dynamo.putItem(PutItemRequest.builder().tableName(tabel).item(item).conditionExpression(voorwaarde).expressionAttributeValues(waarden).build());
            } else {
                dynamo.transactWriteItems(t -> t.transactItems(
                        TransactWriteItem.builder().put(p -> p.tableName(tabel).item(item).conditionExpression(voorwaarde).expressionAttributeValues(waarden)).build(),
                        tellers.zaakUpdate(d.gemeente(), verschil, nu)));
            }
        } catch (ConditionalCheckFailedException e) {
            throw new GelijktijdigGewijzigd(new Sleutel(d.gemeente(), d.zaak()));
        } catch (TransactionCanceledException e) {
            if (Tellers.conflict(e)) {
                throw new GelijktijdigGewijzigd(new Sleutel(d.gemeente(), d.zaak()));
            }
            throw e;
        }
    }

    /**
     * Bulk import of new zaken (a gemeente joining with its running zaken): per gemeente, 99 zaken and their summed
     * counter entries in one transaction, each zaak only if it is not stored yet.
     */
    public void importeer(List<Zaakstand> standen, Instant nu) {
        Map<String, List<Zaakstand>> perGemeente = new LinkedHashMap<>();
        standen.forEach(s -> perGemeente.computeIfAbsent(s.dossier().gemeente(), g -> new ArrayList<>()).add(s));
        perGemeente.forEach((gemeente, lijst) -> {
            for (int i = 0; i < lijst.size(); i += 99) {
                List<TransactWriteItem> acties = new ArrayList<>();
                Map<String, Integer> som = new TreeMap<>();
                for (Zaakstand stand : lijst.subList(i, Math.min(i + 99, lijst.size()))) {
                    Zaak zaak = Zaak.nieuw(gemeente, stand.dossier().zaak()).met(stand.dossier());
                    Map<String, AttributeValue> item = item(zaak, stand.termijn(), stand.telling(), stand.volgendMoment(nu), nu);
                    acties.add(TransactWriteItem.builder().put(p -> p.tableName(tabel).item(item).conditionExpression("attribute_not_exists(gemeente)")).build());
                    stand.telling().bijdrage().forEach((k, v) -> som.merge(k, v, Integer::sum));
                }
                som.values().removeIf(v -> v == 0);
                if (!som.isEmpty()) {
                    acties.add(tellers.zaakUpdate(gemeente, som, nu));
                }
                dynamo.transactWriteItems(t -> t.transactItems(acties));
            }
        });
    }

    /** Every zaak of one gemeente, page by page with a Query on its key (the recount; never a Scan). */
    public void perGemeente(String gemeente, Consumer<Zaak> elk) {
        perGemeente(gemeente, false, elk);
    }

    /**
     * The zaken of one gemeente stored before the counters existed (no {@code telling} attribute): stored again
     * through {@link #bewaar} they add their entries, once (docs/runbook.md, "Counting zaken stored before the counters").
     */
    public void nietGeteld(String gemeente, Consumer<Zaak> elk) {
        perGemeente(gemeente, true, elk);
    }

    private void perGemeente(String gemeente, boolean alleenNietGeteld, Consumer<Zaak> elk) {
        Map<String, AttributeValue> verder = null;
        do {
            var q = QueryRequest.builder().tableName(tabel).consistentRead(true)
                    .keyConditionExpression("gemeente = :g").expressionAttributeValues(Map.of(":g", s(gemeente)));
            if (alleenNietGeteld) {
                q.filterExpression("attribute_not_exists(telling)");
            }
            if (verder != null) {
                q.exclusiveStartKey(verder);
            }
            var r = dynamo.query(q.build());
            r.items().forEach(item -> elk.accept(zaak(item)));
            verder = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (verder != null);
    }

    private Map<String, AttributeValue> item(Zaak zaak, Beslistermijn termijn, Zaaktelling telling, Instant volgende, Instant nu) {
        Zaakdossier d = zaak.dossier();
        Map<String, AttributeValue> item = new HashMap<>(sleutel(d.gemeente(), d.zaak()));
        item.put("versie", n(zaak.versie() + 1));
        // always present, also empty: the due index carries it, and an entry without it is read from the table
        Map<String, AttributeValue> t = new HashMap<>();
        telling.bijdrage().forEach((k, v) -> t.put(k, n(v)));
        item.put("telling", AttributeValue.fromM(t));
        Map<String, AttributeValue> feiten = new HashMap<>();
        for (Feit f : d.feiten().values()) {
            feiten.put(f.id(), s(f.inhoud()));
        }
        item.put("feiten", AttributeValue.fromM(feiten));
        if (!zaak.verzonden().isEmpty()) {
            item.put("verzonden", AttributeValue.fromSs(new ArrayList<>(zaak.verzonden())));
        }
        item.put("bijgewerkt", s(nu.toString()));
        if (termijn == null) {
            // without a receipt the zaak waits for it; with one, the stored facts no longer compute under today's rules
            boolean ontvangen = d.feiten().values().stream().anyMatch(f -> f.soort() == Feitsoort.AANVRAAG_ONTVANGEN);
            item.put("status", s(ontvangen ? "ONBEREKENBAAR" : "ONVOLLEDIG"));
        } else {
            item.put("status", s(termijn.status().name()));
            item.put("procedure", s(termijn.aanvraag().procedure().code()));
            item.put("ontvangen", s(termijn.aanvraag().ontvangen().toString()));
            item.put("uitersteBeslisdatum", s(termijn.uitersteBeslisdatum().toString()));
            item.put("opgeschorteDagen", n(termijn.opgeschorteDagen()));
            if (termijn.aanvraag().besluit() != null) {
                item.put("besluit", s(termijn.aanvraag().besluit().toString()));
            }
            if (termijn.dwangsom() != null) {
                item.put("dwangsomEersteDag", s(termijn.dwangsom().eersteDag().toString()));
            }
        }
        dueIndex.zet(item, d.gemeente() + "#" + d.zaak(), volgende);
        return item;
    }

    /** The due index of this table: a zaak is in it while a milestone is pending. */
    /** A priming step ({@link Priming}): reads the key no zaak has. */
    public void primeer() {
        lees(Priming.GEMEENTE, Priming.SLEUTEL);
    }

    public DueIndex dueIndex() {
        return dueIndex;
    }

    /** The earliest pending milestone over all zaken, or null (the simulator skips steps until then). */
    public Instant eersteDue() {
        return dueIndex.eerste();
    }

    /** The zaak a due-index entry points at. */
    public static Sleutel sleutel(Map<String, AttributeValue> indexItem) {
        return new Sleutel(indexItem.get("gemeente").s(), indexItem.get("zaak").s());
    }

    private static Map<String, AttributeValue> sleutel(String gemeente, String zaak) {
        return Map.of("gemeente", s(gemeente), "zaak", s(zaak));
    }

    private static AttributeValue s(String waarde) {
        return AttributeValue.fromS(waarde);
    }

    private static AttributeValue n(long waarde) {
        return AttributeValue.fromN(Long.toString(waarde));
    }
}
