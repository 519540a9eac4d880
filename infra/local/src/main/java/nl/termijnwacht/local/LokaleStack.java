package nl.termijnwacht.local;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.termijnwacht.aws.AwsClients;
import nl.termijnwacht.aws.Omgeving;
import nl.termijnwacht.emulator.Emulator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The Termijnwacht stack on one emulator endpoint: the configuration the functions would get from
 * {@code template.yaml}, and clients for it. Used by the CLI and by every AWS-facing test.
 */
public final class LokaleStack {

    private final URI endpoint;
    private final Voorzieningen voorzieningen;
    private final Map<String, String> env;

    private LokaleStack(URI endpoint, Voorzieningen voorzieningen, Map<String, String> extra) {
        this.endpoint = endpoint;
        this.voorzieningen = voorzieningen;
        // the functions' environment as template.yaml sets it, with this emulator's names, ARNs and URLs
        Map<String, String> waarden = new HashMap<>(voorzieningen.waarden());
        // a Function URL (SAM's <Function>Url.FunctionUrl) is served locally by `termijnwacht serve`
        for (Functiecatalogus.Functie f : Functiecatalogus.standaard().functies()) {
            if (f.functionUrl()) {
                waarden.put(f.logischeId() + "Url.FunctionUrl", lokaleUrl(f.naam()));
            }
        }
        Map<String, String> e = new HashMap<>(Functiecatalogus.omgeving(Functiecatalogus.template(), waarden));
        e.put("AWS_REGION", regio());
        e.put("AWS_ENDPOINT_URL", endpoint.toString());
        e.put("STAGE", "local");
        e.putAll(extra);
        this.env = Map.copyOf(e);
    }

    /** The port {@code termijnwacht serve} listens on unless told otherwise; links made locally point there. */
    public static final int STANDAARD_POORT = 8787;

    /** {@code TERMIJNWACHT_POORT}, else {@link #STANDAARD_POORT}: the same for the process that makes a link and the one that serves it. */
    public static int poort() {
        String p = System.getenv("TERMIJNWACHT_POORT");
        try {
            return p == null || p.isBlank() ? STANDAARD_POORT : Integer.parseInt(p.strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("TERMIJNWACHT_POORT moet een poortnummer zijn, niet '" + p + "'");
        }
    }

    /** Where {@code serve} answers for function {@code naam}: {@code http://127.0.0.1:PORT/naam/}. */
    public static String lokaleUrl(String naam) {
        return "http://127.0.0.1:" + poort() + "/" + naam + "/";
    }

    private static Emulator testEmulator;

    /**
     * For a test: one emulator per JVM ({@code AWS_ENDPOINT_URL} or an embedded moto_server, stopped
     * at exit), cleared and provisioned afresh on every call. A missing emulator fails the test, never skips it.
     */
    public static synchronized LokaleStack voorTest(Map<String, String> extra) {
        if (testEmulator == null) {
            testEmulator = Emulator.forTests();
        }
        if (!testEmulator.reset()) {
            // Each test starts from an empty stack; an emulator that cannot be cleared would let tests see each other's zaken.
            throw new IllegalStateException("De tests hebben een emulator nodig die leeg te maken is (moto_server); "
                    + testEmulator.endpoint() + " kan dat niet. Maak AWS_ENDPOINT_URL leeg, of wijs het naar een moto_server.");
        }
        return op(testEmulator.endpoint(), extra);
    }

    public static LokaleStack voorTest() {
        return voorTest(Map.of());
    }

    /** Provisions (idempotently) and returns the stack on {@code endpoint}. */
    public static LokaleStack op(URI endpoint) {
        return op(endpoint, Map.of());
    }

    /** As {@link #op(URI)}, with extra environment variables for the functions (e.g. {@code LEASE}). */
    public static LokaleStack op(URI endpoint, Map<String, String> extra) {
        return new LokaleStack(endpoint, new Provisioning(clients(endpoint, List.of())).voorzien(), extra);
    }

    public URI endpoint() {
        return endpoint;
    }

    public Voorzieningen voorzieningen() {
        return voorzieningen;
    }

    /** The functions' environment variables, as template.yaml sets them in AWS. */
    public Map<String, String> env() {
        return env;
    }

    public Omgeving omgeving() {
        return Omgeving.uit(env);
    }

    public AwsClients clients() {
        return clients(omgeving(), List.of());
    }

    /** Clients whose every request passes {@code interceptors} (tests count requests or inject faults this way). */
    public AwsClients clients(List<ExecutionInterceptor> interceptors) {
        return clients(omgeving(), interceptors);
    }

    /** Clients for the same stack reached through another endpoint, e.g. a {@link Storingsproxy} in front of the emulator. */
    public AwsClients clientsVia(URI anderEndpoint) {
        return clientsVia(anderEndpoint, List.of());
    }

    public AwsClients clientsVia(URI anderEndpoint, List<ExecutionInterceptor> interceptors) {
        Map<String, String> e = new HashMap<>(env);
        e.put("AWS_ENDPOINT_URL", anderEndpoint.toString());
        return clients(Omgeving.uit(e), interceptors);
    }

    private static AwsClients clients(Omgeving omgeving, List<ExecutionInterceptor> interceptors) {
        return new AwsClients(omgeving, interceptors);
    }

    static AwsClients clients(URI endpoint, List<ExecutionInterceptor> interceptors) {
        return clients(Omgeving.uit(Map.of("AWS_REGION", regio(), "AWS_ENDPOINT_URL", endpoint.toString())), interceptors);
    }

    /** The region of the local stack: {@code AWS_REGION} or {@code AWS_DEFAULT_REGION} when set, else eu-west-1. */
    public static String regio() {
        for (String naam : List.of("AWS_REGION", "AWS_DEFAULT_REGION")) {
            String waarde = System.getenv(naam);
            if (waarde != null && !waarde.isBlank()) {
                return waarde.strip();
            }
        }
        return Emulator.REGION;
    }

    static EventBridgeClient eventBridge(URI endpoint) {
        return lokaal(EventBridgeClient.builder(), endpoint);
    }

    /** Provisioning creates the answer-link key with the SDK's KMS client (the functions use {@code KmsMac}). */
    static KmsClient kms(URI endpoint) {
        return lokaal(KmsClient.builder(), endpoint);
    }

    /** A client of the SDK for the emulator at {@code endpoint}: its HTTP client, region and credentials. */
    private static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C lokaal(B builder, URI endpoint) {
        return builder.httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(regio()))
                .endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(Emulator.ACCESS_KEY_ID, Emulator.SECRET_ACCESS_KEY)))
                .build();
    }
}
