package nl.termijnwacht.aws;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import nl.termijnwacht.emulator.Emulator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The adapters' tests on a cleared AWS-protocol emulator, with tables made as the tests need them. */
final class LegeEmulator {

    private LegeEmulator() {
    }

    /** A DynamoDB client on the test emulator, after clearing all its state. */
    static DynamoDbClient dynamo() {
        Emulator emulator = Emulator.forTests();
        assertTrue(emulator.reset(), "the tests need an emulator they can clear (moto_server)");
        return new AwsClients(Omgeving.uit(Map.of("AWS_REGION", Emulator.REGION, "AWS_ENDPOINT_URL", emulator.endpoint().toString()))).dynamoDb();
    }

    /** A table with a single string hash key. */
    static void maakTabel(DynamoDbClient dynamo, String tabel, String sleutel) {
        dynamo.createTable(b -> b.tableName(tabel).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName(sleutel).attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName(sleutel).keyType(KeyType.HASH)));
    }
}
