package nl.termijnwacht.aws;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Table {@code Meldingen}: the ledger that makes every notification go out once (docs/architectuur.md, "Exactly once").
 * Claim a key as PENDING before publishing, mark it SENT after; a PENDING claim older than the lease
 * belongs to a crashed run and may be taken over, which re-sends at most once with the same key.
 */
public final class MeldingenLedger {

    /** Ledger records are kept this long (TTL), far beyond any retry or re-delivery. */
    private static final Duration BEWAREN = Duration.ofDays(400);

    private final DynamoDbClient dynamo;
    private final String tabel;
    private final Duration lease;

    public MeldingenLedger(DynamoDbClient dynamo, String tabel, Duration lease) {
        this.dynamo = dynamo;
        this.tabel = tabel;
        this.lease = lease;
    }

    public enum Claim {
        /** Ours to publish now. */
        GECLAIMD,
        /** Already published by an earlier run: skip, but count it as sent. */
        AL_VERZONDEN,
        /** Another run is publishing it right now: leave it alone. */
        BEZET
    }

    /**
     * Claims {@code sleutel} for run {@code eigenaar}. A claim carries its owner, so when the answer to a claim
     * was lost and the SDK (or Lambda) tries again, the run recognises its own claim instead of seeing it busy.
     */
    public Claim claim(String sleutel, String soort, Instant nu, String eigenaar) {
        try {
            dynamo.putItem(b -> b.tableName(tabel)
                    .item(Map.of(
                            "idempotencyKey", s(sleutel),
                            "soort", s(soort),
                            "status", s("PENDING"),
                            "eigenaar", s(eigenaar),
                            "geclaimd", n(nu.getEpochSecond()),
                            "expiresAt", n(nu.plus(BEWAREN).getEpochSecond())))
                    .conditionExpression("attribute_not_exists(idempotencyKey) OR (#st = :pending AND (geclaimd < :grens OR eigenaar = :ik))")
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(Map.of(":pending", s("PENDING"), ":grens", n(nu.minus(lease).getEpochSecond()), ":ik", s(eigenaar))));
            return Claim.GECLAIMD;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tabel).consistentRead(true)
                    .key(Map.of("idempotencyKey", s(sleutel)))).item();
            String status = item == null ? "" : item.getOrDefault("status", s("")).s();
            if ("SENT".equals(status)) {
                return Claim.AL_VERZONDEN;
            }
            return "PENDING".equals(status) && eigenaar.equals(item.getOrDefault("eigenaar", s("")).s()) ? Claim.GECLAIMD : Claim.BEZET;
        }
    }

    public void markeerVerzonden(String sleutel, String messageId, Instant nu) {
        dynamo.updateItem(b -> b.tableName(tabel).key(Map.of("idempotencyKey", s(sleutel)))
                .updateExpression("SET #st = :sent, verzonden = :nu, messageId = :m")
                .expressionAttributeNames(Map.of("#st", "status"))
                .expressionAttributeValues(Map.of(":sent", s("SENT"), ":nu", n(nu.getEpochSecond()), ":m", s(messageId))));
    }

    /** Gives up a claim whose publish failed, so the next run retries at once instead of after the lease. */
    public void geefVrij(String sleutel) {
        try {
            dynamo.deleteItem(b -> b.tableName(tabel).key(Map.of("idempotencyKey", s(sleutel)))
                    .conditionExpression("#st = :pending")
                    .expressionAttributeNames(Map.of("#st", "status"))
                    .expressionAttributeValues(Map.of(":pending", s("PENDING"))));
        } catch (ConditionalCheckFailedException e) {
            // already SENT or gone: nothing to give up
        }
    }

    private static AttributeValue s(String waarde) {
        return AttributeValue.fromS(waarde);
    }

    private static AttributeValue n(long waarde) {
        return AttributeValue.fromN(Long.toString(waarde));
    }
}
