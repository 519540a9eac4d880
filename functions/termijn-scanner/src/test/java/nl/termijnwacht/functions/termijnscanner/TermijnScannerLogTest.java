package nl.termijnwacht.functions.termijnscanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import nl.termijnwacht.local.LokaleStack;
import nl.termijnwacht.local.Proefdata;
import org.junit.jupiter.api.Test;

/**
 * In Lambda the scanner logs one line per run as bytes (so {@code LogFormat: JSON} leaves it a top-level object):
 * the run's record in embedded metric format, with GeslaagdeRun for the "scanner stopped" alarm (docs/runbook.md).
 */
class TermijnScannerLogTest {

    /** A Lambda context whose logger keeps what it is given, bytes and text apart. */
    static final class Opname implements Context {
        final List<String> bytes = new ArrayList<>();
        final List<String> tekst = new ArrayList<>();

        @Override public String getAwsRequestId() { return "3f0c6a3e-0000-4000-8000-000000000001"; }
        @Override public String getLogGroupName() { return "/aws/lambda/termijn-scanner"; }
        @Override public String getLogStreamName() { return "test"; }
        @Override public String getFunctionName() { return "termijn-scanner"; }
        @Override public String getFunctionVersion() { return "1"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:eu-west-1:123456789012:function:termijn-scanner:live"; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return 60_000; }
        @Override public int getMemoryLimitInMB() { return 1024; }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { tekst.add(message); }
                @Override public void log(byte[] message) { bytes.add(new String(message, StandardCharsets.UTF_8)); }
            };
        }
    }

    @Test
    void eenRunLogtEenEmfRegelMetGeslaagdeRun() throws IOException {
        LokaleStack stack = LokaleStack.voorTest();
        Instant nu = Instant.parse("2026-06-15T05:00:00Z");
        Proefdata.vul(stack, 0, 3, nu);
        Opname context = new Opname();
        TermijnScannerHandler.bouw(stack.clients(), Clock.fixed(nu, ZoneOffset.UTC))
                .handleRequest(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), context);

        assertEquals(List.of(), context.tekst, "nothing as text: JSON log format would wrap it in a message string");
        assertEquals(1, context.bytes.size(), "one line per run");
        JsonNode r = new ObjectMapper().readTree(context.bytes.getFirst());
        JsonNode directief = r.at("/_aws/CloudWatchMetrics/0");
        assertEquals("Termijnwacht", directief.get("Namespace").asText());
        assertEquals("termijn-scanner", r.get("Functie").asText());
        assertEquals(nu.toEpochMilli(), r.at("/_aws/Timestamp").asLong());
        assertEquals(1, r.get("GeslaagdeRun").asLong());
        assertTrue(r.get("Due").asLong() >= 3, "the three due zaken");
        assertEquals(r.get("verzonden").asLong(), r.get("Verzonden").asLong(), "the metric is the run's count");
        assertEquals(r.get("zakenBekeken").asLong(), r.get("Due").asLong());
    }
}
