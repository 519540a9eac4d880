package nl.termijnwacht.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * The two KMS operations answer links need, {@code GenerateMac} and {@code VerifyMac}, on KMS's JSON protocol, signed
 * with the SDK's own SigV4 signer and sent with the SDK's HTTP client and credentials. Why not {@code KmsClient}: its
 * model for 53 operations adds 1.15 MB to a jar and took escalatie-scanner to 8.8 MB, over the 8 MB every function
 * keeps (docs/metingen.md); two operations do not need it. No cryptography is done here: KMS makes and compares the MAC.
 *
 * <p>Transient failures (throttling, 5xx, a broken connection) are retried twice, as the SDK's standard strategy would;
 * the interceptors of {@link AwsClients} see each call as {@code KMS}/{@code GenerateMac} (so RechtenTest records it).
 */
public final class KmsMac {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int POGINGEN = 3;

    /** KMS answered with an error that is not a wrong MAC; {@code type} is KMS's error code, e.g. {@code NotFoundException}. */
    public static final class KmsFout extends RuntimeException {
        private final String type;

        KmsFout(String type, String bericht, int status) {
            super("KMS " + status + " " + type + (bericht == null ? "" : ": " + bericht));
            this.type = type;
        }

        public String type() {
            return type;
        }
    }

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final String regio;
    private final URI endpoint;
    private final List<ExecutionInterceptor> interceptors;

    KmsMac(SdkHttpClient http, AwsCredentialsProvider credentials, String regio, URI endpoint, List<ExecutionInterceptor> interceptors) {
        this.http = http;
        this.credentials = credentials;
        this.regio = regio;
        this.endpoint = endpoint;
        this.interceptors = List.copyOf(interceptors);
    }

    /** HMAC-SHA-256 of {@code bericht} with key {@code sleutel} (an ARN, id or alias). */
    public byte[] generateMac(String sleutel, byte[] bericht) {
        ObjectNode body = JSON.createObjectNode().put("KeyId", sleutel).put("MacAlgorithm", "HMAC_SHA_256")
                .put("Message", Base64.getEncoder().encodeToString(bericht));
        return Base64.getDecoder().decode(roep("GenerateMac", body).path("Mac").asText());
    }

    /** Whether {@code mac} is the HMAC-SHA-256 of {@code bericht} with key {@code sleutel}; KMS compares in constant time. */
    public boolean verifyMac(String sleutel, byte[] bericht, byte[] mac) {
        ObjectNode body = JSON.createObjectNode().put("KeyId", sleutel).put("MacAlgorithm", "HMAC_SHA_256")
                .put("Message", Base64.getEncoder().encodeToString(bericht)).put("Mac", Base64.getEncoder().encodeToString(mac));
        try {
            return roep("VerifyMac", body).path("MacValid").asBoolean(false);
        } catch (KmsFout f) {
            if (f.type().equals("KMSInvalidMacException")) {
                return false;
            }
            throw f;
        }
    }

    private JsonNode roep(String operatie, ObjectNode body) {
        ExecutionAttributes attributen = new ExecutionAttributes().putAttribute(SdkExecutionAttribute.SERVICE_NAME, "KMS")
                .putAttribute(SdkExecutionAttribute.OPERATION_NAME, operatie);
        interceptors.forEach(i -> i.beforeExecution(() -> null, attributen));
        byte[] inhoud;
        try {
            inhoud = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RuntimeException laatste = null;
        for (int poging = 1; poging <= POGINGEN; poging++) {
            try {
                return eenKeer(operatie, inhoud);
            } catch (KmsFout f) {
                if (!tijdelijk(f.type())) {
                    throw f;
                }
                laatste = f;
            } catch (UncheckedIOException e) {
                laatste = e;
            }
            wacht(poging);
        }
        throw laatste;
    }

    private JsonNode eenKeer(String operatie, byte[] inhoud) {
        SdkHttpRequest verzoek = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1").putHeader("X-Amz-Target", "TrentService." + operatie).build();
        AwsCredentialsIdentity identiteit = credentials.resolveIdentity().join();
        SignedRequest ondertekend = AwsV4HttpSigner.create().sign(r -> r.identity(identiteit).request(verzoek)
                .payload(ContentStreamProvider.fromByteArray(inhoud))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kms").putProperty(AwsV4HttpSigner.REGION_NAME, regio));
        try {
            HttpExecuteResponse antwoord = http.prepareRequest(HttpExecuteRequest.builder().request(ondertekend.request())
                    .contentStreamProvider(ondertekend.payload().orElse(null)).build()).call();
            byte[] tekst;
            try (InputStream in = antwoord.responseBody().map(InputStream.class::cast).orElse(InputStream.nullInputStream())) {
                tekst = in.readAllBytes();
            }
            JsonNode json = tekst.length == 0 ? JSON.createObjectNode() : JSON.readTree(tekst);
            int status = antwoord.httpResponse().statusCode();
            if (status / 100 != 2) {
                String type = json.path("__type").asText("onbekend");
                throw new KmsFout(type.substring(type.lastIndexOf('#') + 1), json.path("message").asText(json.path("Message").asText(null)), status);
            }
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean tijdelijk(String type) {
        return type.contains("Throttling") || type.equals("KMSInternalException") || type.equals("DependencyTimeoutException")
                || type.equals("ServiceUnavailableException") || type.equals("InternalFailure") || type.equals("onbekend");
    }

    private static void wacht(int poging) {
        try {
            Thread.sleep(50L << poging);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
