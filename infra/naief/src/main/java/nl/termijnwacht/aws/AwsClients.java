package nl.termijnwacht.aws;

import java.util.List;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The NAIVE build of the clients, for the cold-start harness only (docs/metingen.md): the same API as the
 * product's AwsClients, but every SDK default — the default HTTP client found on the classpath (Apache), the
 * default region and credentials provider chains, a client per call site. It replaces the product's class in
 * the jars {@code infra/naief} builds; it never ships.
 */
public final class AwsClients {

    private final Omgeving omgeving;
    private final List<ExecutionInterceptor> interceptors;

    public AwsClients(Omgeving omgeving, List<ExecutionInterceptor> interceptors) {
        this.omgeving = omgeving;
        this.interceptors = List.copyOf(interceptors);
    }

    public AwsClients(Omgeving omgeving) {
        this(omgeving, List.of());
    }

    private static final class Lambda {
        static final AwsClients CLIENTS = new AwsClients(Omgeving.uitSysteem());
    }

    public static AwsClients lambda() {
        return Lambda.CLIENTS;
    }

    /** The naive build takes no part in SnapStart's snapshot. */
    public boolean inLambda() {
        return false;
    }

    private <B extends AwsClientBuilder<B, C>, C> C bouw(B builder) {
        builder.overrideConfiguration(ClientOverrideConfiguration.builder().executionInterceptors(interceptors).build());
        omgeving.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public DynamoDbClient dynamoDb() {
        return bouw(DynamoDbClient.builder());
    }

    public SnsClient sns() {
        return bouw(SnsClient.builder());
    }

    public SqsClient sqs() {
        return bouw(SqsClient.builder());
    }

    public Omgeving omgeving() {
        return omgeving;
    }
}
