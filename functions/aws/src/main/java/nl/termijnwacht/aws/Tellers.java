package nl.termijnwacht.aws;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import nl.termijnwacht.core.Escalatietelling;
import nl.termijnwacht.core.Isoweek;
import nl.termijnwacht.core.Tellerstand;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Table {@code Tellers} (docs/rapportage.md, "Counters"): per gemeente the summed {@code Zaaktelling} entries and the
 * open escalation items, so the weekly report never reads a zaak. Every change is written in the same transaction as
 * the zaak or item it comes from, so the counters cannot drift from the facts. Items, keyed {@code gemeente} +
 * {@code teller}:
 * <ul>
 *   <li>{@code zaken#<week>}: the entries added in that (UTC) week of processing — one item per change, never a hot
 *       history; the report folds weeks before the one it reports into</li>
 *   <li>{@code zaken#basis}: the folded entries, old weeks summed ({@link Tellerstand#ingedikt});</li>
 *   <li>{@code escalaties}: open items per {@code ladder#niveau}, and {@code top:<item>} = {@code sinds|niveau} while an
 *       item sits at its ladder's top level (scope {@link #LANDELIJK} for items without a gemeente).</li>
 * </ul>
 * The table holds a few items per gemeente, so reading it whole is bounded by the gemeenten, not the zaken.
 */
public final class Tellers {

    public static final String ZAKEN = "zaken#";
    public static final String BASIS = ZAKEN + "basis";
    public static final String ESCALATIES = "escalaties";
    public static final String LANDELIJK = Escalatietelling.LANDELIJK;
    public static final String TOP = "top:";
    /** A transaction holds at most 100 actions: the basis and 99 folded weeks. */
    private static final int MAX_VOUWEN = 99;

    private final DynamoDbClient dynamo;
    private final String tabel;

    public Tellers(DynamoDbClient dynamo, String tabel) {
        this.dynamo = dynamo;
        this.tabel = tabel;
    }

    public static Tellers van(AwsClients aws) {
        return new Tellers(aws.dynamoDb(), aws.omgeving().tellersTabel());
    }

    /** The counter update that travels with a zaak write; {@code verschil} is what its entries changed by. */
    public TransactWriteItem zaakUpdate(String gemeente, Map<String, Integer> verschil, Instant nu) {
        return TransactWriteItem.builder().update(update(gemeente, ZAKEN + Isoweek.van(LocalDate.ofInstant(nu, ZoneOffset.UTC)).sleutel(), verschil, Map.of())).build();
    }

    /** The counter update that travels with an escalation item's write, or null when its counts did not change. */
    public TransactWriteItem escalatieUpdate(String id, Escalatietelling oud, Escalatietelling nieuw) {
        Map<String, Integer> verschil = nieuw.verschil(oud);
        boolean topGelijk = Objects.equals(oud.bovenaan(), nieuw.bovenaan());
        if (verschil.isEmpty() && topGelijk) {
            return null;
        }
        Map<String, String> top = new HashMap<>();
        if (!topGelijk) {
            top.put(TOP + id, nieuw.bovenaan()); // null: the item left the top
        }
        return TransactWriteItem.builder().update(update(nieuw.scope(), ESCALATIES, verschil, top)).build();
    }

    /** The counter update of a bulk import: the summed counts and the items that start at their top level. */
    public TransactWriteItem escalatieImport(String scope, Map<String, Integer> som, Map<String, String> bovenaan) {
        Map<String, String> top = new HashMap<>();
        bovenaan.forEach((id, v) -> top.put(TOP + id, v));
        return TransactWriteItem.builder().update(update(scope, ESCALATIES, som, top)).build();
    }

    private Update update(String scope, String teller, Map<String, Integer> adds, Map<String, String> zet) {
        StringBuilder add = new StringBuilder("ADD #versie :een");
        StringBuilder set = new StringBuilder();
        StringBuilder remove = new StringBuilder();
        Map<String, String> namen = new HashMap<>(Map.of("#versie", "versie"));
        Map<String, AttributeValue> waarden = new HashMap<>(Map.of(":een", AttributeValue.fromN("1")));
        int i = 0;
        for (Map.Entry<String, Integer> e : adds.entrySet()) {
            namen.put("#k" + i, e.getKey());
            waarden.put(":v" + i, AttributeValue.fromN(Integer.toString(e.getValue())));
            add.append(", #k").append(i).append(" :v").append(i);
            i++;
        }
        for (Map.Entry<String, String> e : zet.entrySet()) {
            namen.put("#k" + i, e.getKey());
            if (e.getValue() == null) {
                remove.append(remove.isEmpty() ? " REMOVE " : ", ").append("#k").append(i);
            } else {
                waarden.put(":v" + i, AttributeValue.fromS(e.getValue()));
                set.append(set.isEmpty() ? " SET " : ", ").append("#k").append(i).append(" = :v").append(i);
            }
            i++;
        }
        return Update.builder().tableName(tabel).key(sleutel(scope, teller))
                .updateExpression(add + set.toString() + remove)
                .expressionAttributeNames(namen).expressionAttributeValues(waarden).build();
    }

    /**
     * One gemeente's (or {@link #LANDELIJK}'s) counters as read.
     *
     * @param escalaties open items per {@code ladder#niveau}
     * @param bovenaan   per item at its ladder's top level: {@code sinds|niveau}
     * @param items      the zaken items as read (basis and weeks of processing), for the fold
     * @param ingedikt   the week before which the basis sums its entries (null before the first fold): no report of
     *                   a week whose trend reaches before it can be made from the counters again
     */
    public record Stand(String scope, Tellerstand zaken, Map<String, Long> escalaties, Map<String, String> bovenaan,
                        List<Map<String, AttributeValue>> items, String ingedikt) {
    }

    /**
     * Every scope's counters: the whole table (a few items per gemeente), read in pages. Items of zaken and of
     * escalations are summed as they are; nothing else is read.
     */
    public Map<String, Stand> lees() {
        Map<String, Stand> standen = new TreeMap<>();
        Map<String, AttributeValue> verder = null;
        do {
            ScanRequest.Builder scan = ScanRequest.builder().tableName(tabel).consistentRead(true);
            if (verder != null) {
                scan.exclusiveStartKey(verder);
            }
            ScanResponse r = dynamo.scan(scan.build());
            for (Map<String, AttributeValue> item : r.items()) {
                String scope = item.get("gemeente").s();
                Stand s = standen.computeIfAbsent(scope, k -> new Stand(k, new Tellerstand(), new TreeMap<>(), new TreeMap<>(), new ArrayList<>(), null));
                neem(s, item);
                if (item.containsKey("ingedikt")) {
                    standen.put(scope, new Stand(s.scope(), s.zaken(), s.escalaties(), s.bovenaan(), s.items(), item.get("ingedikt").s()));
                }
            }
            verder = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (verder != null);
        return standen;
    }

    private static void neem(Stand s, Map<String, AttributeValue> item) {
        String teller = item.get("teller").s();
        if (teller.startsWith(ZAKEN)) {
            s.zaken().tel(tellerstand(item));
            s.items().add(item);
        } else if (teller.equals(ESCALATIES)) {
            item.forEach((k, v) -> {
                if (k.startsWith(TOP) && v.s() != null) {
                    s.bovenaan().put(k.substring(TOP.length()), v.s());
                } else if (k.contains("#") && v.n() != null && Long.parseLong(v.n()) != 0) {
                    s.escalaties().put(k, Long.parseLong(v.n()));
                }
            });
        }
    }

    private static Tellerstand tellerstand(Map<String, AttributeValue> item) {
        Tellerstand t = new Tellerstand();
        item.forEach((k, v) -> {
            if (v.n() != null && Tellerstand.SLEUTEL.matcher(k).matches()) {
                t.tel(k, Long.parseLong(v.n()));
            }
        });
        return t;
    }

    /**
     * Folds a gemeente's weeks of processing before {@code grens} into its basis, with entries of weeks before
     * {@code inkorten} summed ({@link Tellerstand#ingedikt}): one transaction that writes the new basis and deletes the
     * folded weeks, each only if unchanged since {@code stand} was read (no second read). The sums stay the same, so a
     * fold that loses a race, fails or is repeated is harmless: the next report folds what is left.
     *
     * @return the number of weeks folded (0 when there was nothing to fold or another writer got in between)
     */
    public int vouw(Stand stand, Isoweek grens, Isoweek inkorten) {
        String gemeente = stand.scope();
        List<Map<String, AttributeValue>> items = stand.items();
        Map<String, AttributeValue> basis = null;
        List<Map<String, AttributeValue>> weken = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            String teller = item.get("teller").s();
            if (teller.equals(BASIS)) {
                basis = item;
            } else if (teller.substring(ZAKEN.length()).compareTo(grens.sleutel()) < 0 && weken.size() < MAX_VOUWEN) {
                weken.add(item);
            }
        }
        if (weken.isEmpty()) {
            return 0;
        }
        Tellerstand som = basis == null ? new Tellerstand() : tellerstand(basis);
        weken.forEach(w -> som.tel(tellerstand(w)));
        Map<String, AttributeValue> nieuw = new HashMap<>(sleutel(gemeente, BASIS));
        som.ingedikt(inkorten).tellers().forEach((k, v) -> nieuw.put(k, AttributeValue.fromN(Long.toString(v))));
        long versie = basis == null ? 0 : Long.parseLong(basis.get("versie").n());
        nieuw.put("versie", AttributeValue.fromN(Long.toString(versie + 1)));
        nieuw.put("ingedikt", AttributeValue.fromS(inkorten.sleutel()));
        List<TransactWriteItem> acties = new ArrayList<>();
        acties.add(TransactWriteItem.builder().put(p -> {
            p.tableName(tabel).item(nieuw);
            if (versie == 0) {
                p.conditionExpression("attribute_not_exists(gemeente)");
            } else {
                p.conditionExpression("versie = :v").expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(versie))));
            }
        }).build());
        for (Map<String, AttributeValue> w : weken) {
            acties.add(TransactWriteItem.builder().delete(d -> d.tableName(tabel).key(sleutel(gemeente, w.get("teller").s()))
                    .conditionExpression("versie = :v").expressionAttributeValues(Map.of(":v", w.get("versie")))).build());
        }
        try {
            dynamo.transactWriteItems(t -> t.transactItems(acties));
            return weken.size();
        } catch (TransactionCanceledException tussendoor) {
            if (conflict(tussendoor)) {
                return 0;
            }
            throw tussendoor;
        }
    }

    /** A priming step ({@link Priming}): reads the counters of the gemeente no zaak has (a Query that finds nothing). */
    public void primeer() {
        dynamo.query(q -> q.tableName(tabel).keyConditionExpression("gemeente = :g")
                .expressionAttributeValues(Map.of(":g", AttributeValue.fromS(Priming.GEMEENTE))).limit(1));
    }

    /** Was the transaction cancelled by a condition or by a concurrent transaction on the same item (so: read again and redo)? */
    public static boolean conflict(TransactionCanceledException e) {
        return e.hasCancellationReasons() && e.cancellationReasons().stream()
                .anyMatch(r -> "ConditionalCheckFailed".equals(r.code()) || "TransactionConflict".equals(r.code()));
    }

    private static Map<String, AttributeValue> sleutel(String scope, String teller) {
        return Map.of("gemeente", AttributeValue.fromS(scope), "teller", AttributeValue.fromS(teller));
    }
}
