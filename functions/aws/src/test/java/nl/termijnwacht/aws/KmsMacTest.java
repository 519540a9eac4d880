package nl.termijnwacht.aws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.termijnwacht.emulator.Emulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;

/** {@link KmsMac} against KMS's wire protocol on moto: the same MAC as the SDK's client, a wrong one refused, errors named. */
class KmsMacTest {

    private static Emulator emulator;
    private static String sleutel;
    private static KmsClient sdk;

    @BeforeAll
    static void sleutel() {
        emulator = Emulator.forTests();
        sdk = KmsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(Emulator.REGION)).endpointOverride(emulator.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("termijnwacht", "lokaal"))).build();
        sleutel = sdk.createKey(b -> b.keySpec("HMAC_256").keyUsage("GENERATE_VERIFY_MAC")).keyMetadata().arn();
    }

    private static AwsClients clients(List<ExecutionInterceptor> interceptors) {
        return new AwsClients(Omgeving.uit(Map.of("AWS_REGION", Emulator.REGION, "AWS_ENDPOINT_URL", emulator.endpoint().toString())), interceptors);
    }

    @Test
    void dezelfdeMacAlsDeSdkEnAlleenDieIsGeldig() {
        KmsMac kms = clients(List.of()).kms();
        byte[] bericht = "1|abcdefgh|termijnoverschrijding:GM0363:Z-1|2|2|1781586000".getBytes(StandardCharsets.UTF_8);
        byte[] mac = kms.generateMac(sleutel, bericht);
        assertEquals(32, mac.length, "HMAC-SHA-256");
        assertArrayEquals(sdk.generateMac(b -> b.keyId(sleutel).macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256).message(SdkBytes.fromByteArray(bericht)))
                .mac().asByteArray(), mac, "the SDK's client gets the same MAC for the same message");
        assertTrue(kms.verifyMac(sleutel, bericht, mac));
        byte[] anders = mac.clone();
        anders[0] ^= 1;
        assertFalse(kms.verifyMac(sleutel, bericht, anders), "one bit of the MAC changed");
        byte[] ander = bericht.clone();
        ander[ander.length - 1] ^= 1;
        assertFalse(kms.verifyMac(sleutel, ander, mac), "one bit of the message changed");
    }

    @Test
    void eenOnbekendeSleutelIsEenBenoemdeFoutGeenOngeldigeMac() {
        KmsMac kms = clients(List.of()).kms();
        String onbekend = sleutel.substring(0, sleutel.lastIndexOf('/') + 1) + "00000000-0000-0000-0000-000000000000";
        KmsMac.KmsFout f = assertThrows(KmsMac.KmsFout.class, () -> kms.verifyMac(onbekend, new byte[] {1}, new byte[32]));
        assertEquals("NotFoundException", f.type(), f.getMessage());
    }

    @Test
    void elkeAanroepIsZichtbaarVoorDeInterceptorsAlsKmsOperatie() {
        List<String> gezien = new ArrayList<>();
        ExecutionInterceptor opnemer = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                gezien.add(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + ":" + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
            }
        };
        KmsMac kms = clients(List.of(opnemer)).kms();
        byte[] mac = kms.generateMac(sleutel, new byte[] {1, 2, 3});
        kms.verifyMac(sleutel, new byte[] {1, 2, 3}, mac);
        assertEquals(List.of("KMS:GenerateMac", "KMS:VerifyMac"), gezien);
    }
}
