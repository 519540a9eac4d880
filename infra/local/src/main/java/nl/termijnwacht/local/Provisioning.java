package nl.termijnwacht.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.termijnwacht.aws.AwsClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates every table, bus, rule, topic and queue that {@code template.yaml} declares in an emulator, plus one
 * local inbox queue per topic so notifications can be read back. Read from the template itself, so a new
 * table or queue needs no change here. Idempotent: run it as often as you like.
 */
public final class Provisioning {

    private final AwsClients aws;

    Provisioning(AwsClients aws) {
        this.aws = aws;
    }

    public static Voorzieningen op(URI endpoint) {
        return new Provisioning(LokaleStack.clients(endpoint, List.of())).voorzien();
    }

    public Voorzieningen voorzien() {
        JsonNode resources = Functiecatalogus.template().path("Resources");
        Map<String, String> waarden = new LinkedHashMap<>();
        Map<String, String> inboxen = new LinkedHashMap<>();
        DynamoDbClient dynamo = aws.dynamoDb();
        SqsClient sqs = aws.sqs();
        SnsClient sns = aws.sns();
        try (EventBridgeClient events = LokaleStack.eventBridge(aws.omgeving().endpoint().orElseThrow());
             KmsClient kms = LokaleStack.kms(aws.omgeving().endpoint().orElseThrow())) {
            for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> r = it.next();
                JsonNode p = r.getValue().path("Properties");
                switch (r.getValue().path("Type").asText()) {
                    case "AWS::DynamoDB::Table" -> waarden.put(r.getKey(), maakTabel(dynamo, p));
                    case "AWS::SQS::Queue" -> waarden.put(r.getKey(), queue(sqs, p.path("QueueName").asText()));
                    case "AWS::SNS::Topic" -> {
                        String naam = p.path("TopicName").asText();
                        String topicArn = sns.createTopic(b -> b.name(naam)).topicArn();
                        waarden.put(r.getKey(), topicArn);
                        inboxen.put(naam, inbox(sqs, sns, naam, topicArn));
                    }
                    case "AWS::KMS::Key" -> {
                        if (p.path("KeyUsage").asText().equals("GENERATE_VERIFY_MAC")) {
                            waarden.put(r.getKey() + ".Arn", hmacSleutel(kms, r.getKey(), p));
                        }
                    }
                    case "AWS::Events::EventBus" -> {
                        waarden.put(r.getKey(), p.path("Name").asText());
                        try {
                            events.createEventBus(b -> b.name(p.path("Name").asText()));
                        } catch (ResourceAlreadyExistsException e) {
                            // provisioned before
                        }
                    }
                    default -> { }
                }
            }
            // the rules that route events to functions, named after the function (as the CLI calls it)
            for (Functiecatalogus.Functie f : Functiecatalogus.standaard().functies()) {
                JsonNode functie = resources.path(f.logischeId());
                for (JsonNode event : functie.path("Properties").path("Events")) {
                    if (event.path("Type").asText().equals("EventBridgeRule")) {
                        JsonNode e = event.path("Properties");
                        String bus = waarden.get(e.path("EventBusName").asText());
                        events.putRule(b -> b.name(f.naam()).eventBusName(bus).eventPattern(e.path("Pattern").toString()));
                    }
                }
            }
        }
        return new Voorzieningen(waarden, inboxen);
    }

    /**
     * An HMAC key found again by its alias {@code alias/termijnwacht/<logical id>}: provisioning again keeps the key, so
     * links made before stay valid.
     */
    private static String hmacSleutel(KmsClient kms, String logischeId, JsonNode p) {
        String alias = "alias/termijnwacht/" + logischeId;
        try {
            return kms.describeKey(b -> b.keyId(alias)).keyMetadata().arn();
        } catch (NotFoundException e) {
            var sleutel = kms.createKey(b -> b.keySpec(p.path("KeySpec").asText()).keyUsage(p.path("KeyUsage").asText())
                    .description(p.path("Description").asText())).keyMetadata();
            kms.createAlias(b -> b.aliasName(alias).targetKeyId(sleutel.keyId()));
            return sleutel.arn();
        }
    }

    private static String inbox(SqsClient sqs, SnsClient sns, String topic, String topicArn) {
        String inbox = queue(sqs, Voorzieningen.INBOX_PREFIX + topic);
        String inboxArn = sqs.getQueueAttributes(b -> b.queueUrl(inbox).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        boolean geabonneerd = sns.listSubscriptionsByTopic(b -> b.topicArn(topicArn)).subscriptions().stream()
                .anyMatch(s -> inboxArn.equals(s.endpoint()));
        if (!geabonneerd) {
            sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(inboxArn));
        }
        return inbox;
    }

    private static String queue(SqsClient sqs, String naam) {
        return sqs.createQueue(b -> b.queueName(naam).attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600"))).queueUrl();
    }

    /** A table as the template declares it: keys, attribute types, global secondary indexes and TTL. */
    private static String maakTabel(DynamoDbClient dynamo, JsonNode p) {
        String naam = p.path("TableName").asText();
        List<AttributeDefinition> attributen = new ArrayList<>();
        p.path("AttributeDefinitions").forEach(a -> attributen.add(AttributeDefinition.builder()
                .attributeName(a.path("AttributeName").asText()).attributeType(a.path("AttributeType").asText()).build()));
        List<GlobalSecondaryIndex> indexen = new ArrayList<>();
        p.path("GlobalSecondaryIndexes").forEach(g -> indexen.add(GlobalSecondaryIndex.builder().indexName(g.path("IndexName").asText())
                .keySchema(sleutels(g.path("KeySchema")))
                .projection(x -> {
                    x.projectionType(ProjectionType.fromValue(g.path("Projection").path("ProjectionType").asText()));
                    List<String> extra = new ArrayList<>();
                    g.path("Projection").path("NonKeyAttributes").forEach(a -> extra.add(a.asText()));
                    if (!extra.isEmpty()) {
                        x.nonKeyAttributes(extra);
                    }
                }).build()));
        try {
            dynamo.createTable(b -> {
                b.tableName(naam).billingMode(BillingMode.PAY_PER_REQUEST).attributeDefinitions(attributen).keySchema(sleutels(p.path("KeySchema")));
                if (!indexen.isEmpty()) {
                    b.globalSecondaryIndexes(indexen);
                }
            });
            JsonNode ttl = p.path("TimeToLiveSpecification");
            if (ttl.path("Enabled").asBoolean(false)) {
                dynamo.updateTimeToLive(b -> b.tableName(naam).timeToLiveSpecification(t -> t.attributeName(ttl.path("AttributeName").asText()).enabled(true)));
            }
        } catch (ResourceInUseException e) {
            // provisioned before
        }
        return naam;
    }

    private static List<KeySchemaElement> sleutels(JsonNode schema) {
        List<KeySchemaElement> lijst = new ArrayList<>();
        schema.forEach(k -> lijst.add(KeySchemaElement.builder().attributeName(k.path("AttributeName").asText()).keyType(k.path("KeyType").asText()).build()));
        return lijst;
    }
}
