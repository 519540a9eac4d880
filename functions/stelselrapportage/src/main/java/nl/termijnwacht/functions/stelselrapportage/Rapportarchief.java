package nl.termijnwacht.functions.stelselrapportage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import nl.termijnwacht.core.Isoweek;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Table {@code Rapportages}: every weekly report, kept by ISO week and version (docs/rapportage.md, "Archive"). A
 * stored version is never overwritten; a run whose figures differ from the last version adds the next one, a run
 * with the same figures adds nothing. The document is stored gzipped (a national report is some 150 kB of JSON).
 */
public final class Rapportarchief {

    private final DynamoDbClient dynamo;
    private final String tabel;
    private final ObjectMapper json;

    public Rapportarchief(DynamoDbClient dynamo, String tabel, ObjectMapper json) {
        this.dynamo = dynamo;
        this.tabel = tabel;
        this.json = json;
    }

    /** A stored report: its week, version, document and the summary the regietafel got. */
    public record Bewaard(Isoweek week, long versie, ObjectNode document, String samenvatting) {
    }

    /** Stores {@code document} (and the summary sent with it) as the week's next version unless the last version has the same figures; returns the version that holds them. */
    public Bewaard bewaar(Isoweek week, ObjectNode document, String samenvatting) {
        String inhoud = inhoud(document);
        while (true) {
            Optional<Map<String, AttributeValue>> laatste = laatsteItem(week);
            if (laatste.isPresent() && inhoud.equals(laatste.get().get("inhoud").s())) {
                return bewaard(laatste.get());
            }
            long versie = laatste.map(i -> Long.parseLong(i.get("versie").n())).orElse(0L) + 1;
            try {
                dynamo.putItem(b -> b.tableName(tabel).conditionExpression("attribute_not_exists(week)").item(Map.of(
                        "week", AttributeValue.fromS(week.toString()),
                        "versie", AttributeValue.fromN(Long.toString(versie)),
                        "gemaakt", AttributeValue.fromS(document.path("gemaakt").asText()),
                        "inhoud", AttributeValue.fromS(inhoud),
                        "samenvatting", AttributeValue.fromS(samenvatting),
                        "document", AttributeValue.fromB(SdkBytes.fromByteArray(gzip(document.toString()))))));
                return new Bewaard(week, versie, document, samenvatting);
            } catch (ConditionalCheckFailedException tegelijk) {
                // another run stored this version at the same moment: compare with it
            }
        }
    }

    /** The week's last stored version, if any. */
    public Optional<Bewaard> lees(Isoweek week) {
        return laatsteItem(week).map(this::bewaard);
    }

    private Optional<Map<String, AttributeValue>> laatsteItem(Isoweek week) {
        QueryResponse r = dynamo.query(q -> q.tableName(tabel).consistentRead(true).keyConditionExpression("week = :w")
                .expressionAttributeValues(Map.of(":w", AttributeValue.fromS(week.toString()))).scanIndexForward(false).limit(1));
        return r.items().isEmpty() ? Optional.empty() : Optional.of(r.items().get(0));
    }

    private Bewaard bewaard(Map<String, AttributeValue> item) {
        try {
            JsonNode d = json.readTree(gunzip(item.get("document").b().asByteArray()));
            return new Bewaard(Isoweek.lees(item.get("week").s()), Long.parseLong(item.get("versie").n()), (ObjectNode) d,
                    item.get("samenvatting").s());
        } catch (IOException e) {
            throw new UncheckedIOException("rapport " + item.get("week").s() + " is onleesbaar", e);
        }
    }

    /** The figures without the moment they were made: two runs on the same counters give the same digest. */
    private static String inhoud(ObjectNode document) {
        ObjectNode zonder = document.deepCopy();
        zonder.remove("gemaakt");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zonder.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(String tekst) {
        ByteArrayOutputStream uit = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(uit)) {
            z.write(tekst.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uit.toByteArray();
    }

    private static String gunzip(byte[] data) throws IOException {
        try (GZIPInputStream z = new GZIPInputStream(new java.io.ByteArrayInputStream(data))) {
            return new String(z.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
