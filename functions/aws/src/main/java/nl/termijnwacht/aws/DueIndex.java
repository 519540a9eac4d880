package nl.termijnwacht.aws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * A sparse, sharded index of due work on a table (docs/architectuur.md, "Finding due work without
 * scanning"): an item carries {@code dueShard} and {@code dueAt} only while work is pending, and the GSI
 * {@code DueIndex} on those two lets a scanner Query each shard for {@code dueAt <= now} — the cost grows
 * with the due items, not with the table. Any table with that GSI can use it (Zaken and Escalaties do).
 */
public final class DueIndex {

    public static final String INDEX = "DueIndex";
    public static final String SHARD = "dueShard";
    public static final String DUE_AT = "dueAt";

    private final DynamoDbClient dynamo;
    private final String tabel;
    private final int shards;

    public DueIndex(DynamoDbClient dynamo, String tabel, int shards) {
        this.dynamo = dynamo;
        this.tabel = tabel;
        this.shards = shards;
    }

    public int shards() {
        return shards;
    }

    /** A stable shard per item key, so one item always sits in the same partition of the index. */
    public int shard(String sleutel) {
        return Math.floorMod(sleutel.hashCode(), shards);
    }

    /** Puts the index attributes on {@code item} when work is due at {@code due}; none (the item leaves the index) when null. */
    public void zet(Map<String, AttributeValue> item, String sleutel, Instant due) {
        if (due != null) {
            item.put(SHARD, n(shard(sleutel)));
            item.put(DUE_AT, n(due.getEpochSecond()));
        }
    }

    /** The keys (as the index projects them) of one shard's items due at or before {@code nu}. Never scans. */
    public List<Map<String, AttributeValue>> due(int shard, Instant nu) {
        List<Map<String, AttributeValue>> sleutels = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryRequest.Builder q = QueryRequest.builder().tableName(tabel).indexName(INDEX)
                    .keyConditionExpression(SHARD + " = :s AND " + DUE_AT + " <= :nu")
                    .expressionAttributeValues(Map.of(":s", n(shard), ":nu", n(nu.getEpochSecond())));
            if (start != null) {
                q.exclusiveStartKey(start);
            }
            QueryResponse r = dynamo.query(q.build());
            sleutels.addAll(r.items());
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return sleutels;
    }

    /** The earliest pending instant over all shards (one item read per shard), or null when nothing is pending. */
    public Instant eerste() {
        Long eerste = null;
        for (int shard = 0; shard < shards; shard++) {
            int s = shard;
            // only the instant: the index also carries the items' contents, which this question does not need
            QueryResponse r = dynamo.query(q -> q.tableName(tabel).indexName(INDEX).limit(1).scanIndexForward(true)
                    .keyConditionExpression(SHARD + " = :s").expressionAttributeValues(Map.of(":s", n(s))).projectionExpression(DUE_AT));
            for (Map<String, AttributeValue> item : r.items()) {
                long due = Long.parseLong(item.get(DUE_AT).n());
                eerste = eerste == null ? due : Math.min(eerste, due);
            }
        }
        return eerste == null ? null : Instant.ofEpochSecond(eerste);
    }

    private static AttributeValue n(long waarde) {
        return AttributeValue.fromN(Long.toString(waarde));
    }
}
