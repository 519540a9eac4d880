package nl.termijnwacht.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.aws.ZaakEvents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** What {@code ./termijnwacht provision} creates in the emulator must be what template.yaml deploys. */
class ProvisioningTest {

    private static JsonNode resources;

    @BeforeAll
    static void template() throws IOException {
        // CloudFormation tags (!Ref, !GetAtt, …) read as plain scalars: enough to compare names and keys.
        resources = new ObjectMapper(new YAMLFactory()).readTree(Path.of("../../template.yaml").toFile()).get("Resources");
    }

    private static JsonNode resource(String type, String naamVeld, String naam) {
        List<JsonNode> gevonden = new ArrayList<>();
        resources.forEach(r -> {
            if (r.get("Type").asText().equals(type) && r.path("Properties").path(naamVeld).asText().equals(naam)) {
                gevonden.add(r.get("Properties"));
            }
        });
        assertEquals(1, gevonden.size(), type + " " + naam + " in template.yaml");
        return gevonden.getFirst();
    }

    private static Map<String, String> sleutels(JsonNode keySchema) {
        Map<String, String> m = new TreeMap<>();
        keySchema.forEach(k -> m.put(k.get("AttributeName").asText(), k.get("KeyType").asText()));
        return m;
    }

    @Test
    void tabellenBusTopicEnQueuesKomenOvereenMetTemplate() {
        LokaleStack stack = LokaleStack.voorTest();
        Provisioning.op(stack.endpoint()); // a second time: idempotent
        AwsClients aws = stack.clients();

        for (String tabel : List.of(Voorzieningen.ZAKEN, Voorzieningen.MELDINGEN)) {
            JsonNode t = resource("AWS::DynamoDB::Table", "TableName", tabel);
            TableDescription d = aws.dynamoDb().describeTable(b -> b.tableName(tabel)).table();
            Map<String, String> lokaal = new TreeMap<>();
            d.keySchema().forEach(k -> lokaal.put(k.attributeName(), k.keyTypeAsString()));
            assertEquals(sleutels(t.get("KeySchema")), lokaal, tabel + " key schema");
            Map<String, String> typen = new TreeMap<>();
            t.get("AttributeDefinitions").forEach(a -> typen.put(a.get("AttributeName").asText(), a.get("AttributeType").asText()));
            Map<String, String> lokaleTypen = new TreeMap<>();
            d.attributeDefinitions().forEach(a -> lokaleTypen.put(a.attributeName(), a.attributeTypeAsString()));
            assertEquals(typen, lokaleTypen, tabel + " attribute types");
            assertEquals("PAY_PER_REQUEST", t.get("BillingMode").asText());
            assertTrue(t.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean(), tabel + " PITR");

            Map<String, Map<String, String>> indexen = new TreeMap<>();
            t.path("GlobalSecondaryIndexes").forEach(i -> indexen.put(i.get("IndexName").asText() + "/" + i.get("Projection").get("ProjectionType").asText(),
                    sleutels(i.get("KeySchema"))));
            Map<String, Map<String, String>> lokaleIndexen = new TreeMap<>();
            for (GlobalSecondaryIndexDescription i : d.globalSecondaryIndexes()) {
                Map<String, String> k = new TreeMap<>();
                i.keySchema().forEach(e -> k.put(e.attributeName(), e.keyTypeAsString()));
                lokaleIndexen.put(i.indexName() + "/" + i.projection().projectionTypeAsString(), k);
            }
            assertEquals(indexen, lokaleIndexen, tabel + " indexes");
        }
        assertEquals(Map.of("dueShard", "HASH", "dueAt", "RANGE"),
                sleutels(resource("AWS::DynamoDB::Table", "TableName", "Zaken").get("GlobalSecondaryIndexes").get(0).get("KeySchema")));
        assertEquals(resource("AWS::DynamoDB::Table", "TableName", "Meldingen").get("TimeToLiveSpecification").get("AttributeName").asText(),
                aws.dynamoDb().describeTimeToLive(b -> b.tableName(Voorzieningen.MELDINGEN)).timeToLiveDescription().attributeName());

        resource("AWS::Events::EventBus", "Name", Voorzieningen.BUS);
        resource("AWS::SNS::Topic", "TopicName", Voorzieningen.TERMIJNMELDINGEN);
        for (String queue : List.of(Voorzieningen.AFGEWEZEN, "zaak-events-dlq", "termijn-scanner-dlq")) {
            resource("AWS::SQS::Queue", "QueueName", queue);
            aws.sqs().getQueueUrl(b -> b.queueName(queue));
        }
        assertTrue(aws.sns().listTopics().topics().stream().anyMatch(t -> t.topicArn().endsWith(":" + Voorzieningen.TERMIJNMELDINGEN)));
        assertEquals(1, aws.sns().listSubscriptionsByTopic(b -> b.topicArn(stack.voorzieningen().termijnmeldingenTopicArn())).subscriptions().size(),
                "provisioning twice subscribes the inbox once");
    }

    @Test
    void regelVanZaakEventsKentDezelfdeTypenAlsDeCode() {
        JsonNode functie = null;
        for (JsonNode r : resources) {
            if (r.get("Type").asText().equals("AWS::Serverless::Function")
                    && r.path("Properties").path("Handler").asText().contains("ZaakEventsHandler")) {
                functie = r.get("Properties");
            }
        }
        assertTrue(functie != null, "ZaakEventsFunction in template.yaml");
        JsonNode patroon = functie.get("Events").elements().next().get("Properties").get("Pattern");
        assertEquals(ZaakEvents.SOURCE, patroon.get("source").get(0).asText());
        List<String> typen = new ArrayList<>();
        patroon.get("detail-type").forEach(t -> typen.add(t.asText()));
        assertEquals(ZaakEvents.DETAIL_TYPES.stream().sorted().toList(), typen.stream().sorted().toList());
    }
}
