package nl.termijnwacht.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Duration;
import java.util.List;

/**
 * Builds the SDK clients once per execution environment: one HTTP client (the JDK's URLConnection),
 * an explicit region, and the endpoint of an emulator when {@code AWS_ENDPOINT_URL} is set.
 */
public final class AwsClients {

    private final Omgeving omgeving;
    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final List<ExecutionInterceptor> interceptors;
    private final boolean inLambda;

    /** The clients of this execution environment, from its configuration: built once, on first use. */
    private static final class Lambda {
        static final AwsClients CLIENTS = new AwsClients(Omgeving.uitSysteem(), List.of(), true);
    }

    private AwsClients(Omgeving omgeving, List<ExecutionInterceptor> interceptors, boolean inLambda) {
        this.omgeving = omgeving;
        this.inLambda = inLambda;
        this.http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(3))
                .socketTimeout(Duration.ofSeconds(20))
                .build();
        this.credentials = credentials(omgeving);
        this.interceptors = List.copyOf(interceptors);
    }

    public AwsClients(Omgeving omgeving, List<ExecutionInterceptor> interceptors) {
        this(omgeving, interceptors, false);
    }

    public AwsClients(Omgeving omgeving) {
        this(omgeving, List.of());
    }

    /** What Lambda's own handler instances use (their no-argument constructors); configuration errors fail the init. */
    public static AwsClients lambda() {
        return Lambda.CLIENTS;
    }

    /** True for {@link #lambda()}'s clients: a function built with them takes part in SnapStart's snapshot. */
    public boolean inLambda() {
        return inLambda;
    }

    /**
     * An emulator accepts any credentials. In AWS the default chain: a function starts with environment
     * credentials, but one restored from a SnapStart snapshot gets container credentials, which the chain finds.
     */
    private static AwsCredentialsProvider credentials(Omgeving omgeving) {
        if (omgeving.endpoint().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("termijnwacht", "lokaal"));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private <B extends AwsClientBuilder<B, C>, C> C bouw(B builder) {
        builder.region(Region.of(omgeving.regio()))
                .credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder().executionInterceptors(interceptors).build());
        omgeving.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public DynamoDbClient dynamoDb() {
        return bouw(DynamoDbClient.builder().httpClient(http));
    }

    public SnsClient sns() {
        return bouw(SnsClient.builder().httpClient(http));
    }

    public SqsClient sqs() {
        return bouw(SqsClient.builder().httpClient(http));
    }

    /** GenerateMac and VerifyMac for answer links ({@link KmsMac}): the same HTTP client, credentials, region and endpoint. */
    public KmsMac kms() {
        return new KmsMac(http, credentials, omgeving.regio(),
                omgeving.endpoint().orElseGet(() -> java.net.URI.create("https://kms." + omgeving.regio() + ".amazonaws.com")), interceptors);
    }

    public Omgeving omgeving() {
        return omgeving;
    }
}
