package nl.termijnwacht.local;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.aws.ZaakEvents;
import nl.termijnwacht.aws.ZaakRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates every table, bus, rule, topic and queue of {@code template.yaml} in an emulator, plus one
 * local inbox queue per topic so notifications can be read back. Idempotent: run it as often as you like.
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
        DynamoDbClient dynamo = aws.dynamoDb();
        maakTabel(dynamo, Voorzieningen.ZAKEN, true);
        maakTabel(dynamo, Voorzieningen.MELDINGEN, false);
        try (EventBridgeClient events = LokaleStack.eventBridge(aws.omgeving().endpoint().orElseThrow())) {
            try {
                events.createEventBus(b -> b.name(Voorzieningen.BUS));
            } catch (ResourceAlreadyExistsException e) {
                // provisioned before
            }
            String patroon = "{\"source\":[\"" + ZaakEvents.SOURCE + "\"],\"detail-type\":["
                    + String.join(",", ZaakEvents.DETAIL_TYPES.stream().sorted().map(t -> "\"" + t + "\"").toList()) + "]}";
            events.putRule(b -> b.name(Voorzieningen.ZAAK_EVENTS_REGEL).eventBusName(Voorzieningen.BUS).eventPattern(patroon));
        }
        SqsClient sqs = aws.sqs();
        String afgewezen = queue(sqs, Voorzieningen.AFGEWEZEN);
        queue(sqs, "zaak-events-dlq");
        queue(sqs, "termijn-scanner-dlq");
        SnsClient sns = aws.sns();
        Map<String, String> inboxen = new LinkedHashMap<>();
        String topicArn = sns.createTopic(b -> b.name(Voorzieningen.TERMIJNMELDINGEN)).topicArn();
        String inbox = queue(sqs, Voorzieningen.INBOX_PREFIX + Voorzieningen.TERMIJNMELDINGEN);
        String inboxArn = sqs.getQueueAttributes(b -> b.queueUrl(inbox).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        boolean geabonneerd = sns.listSubscriptionsByTopic(b -> b.topicArn(topicArn)).subscriptions().stream()
                .anyMatch(s -> inboxArn.equals(s.endpoint()));
        if (!geabonneerd) {
            sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(inboxArn));
        }
        inboxen.put(Voorzieningen.TERMIJNMELDINGEN, inbox);
        return new Voorzieningen(topicArn, afgewezen, inboxen);
    }

    private static String queue(SqsClient sqs, String naam) {
        return sqs.createQueue(b -> b.queueName(naam).attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600"))).queueUrl();
    }

    private static void maakTabel(DynamoDbClient dynamo, String naam, boolean zaken) {
        try {
            if (zaken) {
                dynamo.createTable(b -> b.tableName(naam).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attr("gemeente", ScalarAttributeType.S), attr("zaak", ScalarAttributeType.S),
                                attr("dueShard", ScalarAttributeType.N), attr("dueAt", ScalarAttributeType.N))
                        .keySchema(key("gemeente", KeyType.HASH), key("zaak", KeyType.RANGE))
                        .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(ZaakRepository.DUE_INDEX)
                                .keySchema(key("dueShard", KeyType.HASH), key("dueAt", KeyType.RANGE))
                                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).build()));
            } else {
                dynamo.createTable(b -> b.tableName(naam).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(attr("idempotencyKey", ScalarAttributeType.S))
                        .keySchema(key("idempotencyKey", KeyType.HASH)));
                dynamo.updateTimeToLive(b -> b.tableName(naam).timeToLiveSpecification(t -> t.attributeName("expiresAt").enabled(true)));
            }
        } catch (ResourceInUseException e) {
            // provisioned before
        }
    }

    private static AttributeDefinition attr(String naam, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(naam).attributeType(type).build();
    }

    private static KeySchemaElement key(String naam, KeyType type) {
        return KeySchemaElement.builder().attributeName(naam).keyType(type).build();
    }
}
