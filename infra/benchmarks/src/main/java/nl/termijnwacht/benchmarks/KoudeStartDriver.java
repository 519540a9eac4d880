package nl.termijnwacht.benchmarks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The stand-in for the Lambda runtime in one fresh JVM, started by {@link KoudeStart}:
 * {@code java -cp <function jar>:<dir with only this class> nl.termijnwacht.benchmarks.KoudeStartDriver <handler> <event>}.
 *
 * <p>Like the runtime's init phase it loads and constructs the handler (static initialisers, configuration
 * and SDK clients included), then invokes it once with the event, and prints two machine-readable lines:
 * <pre>
 * KOUDE-START init_ns=… invoke_ns=…
 * KOUDE-START output=&lt;base64 of what the handler wrote&gt;
 * </pre>
 * Only the JDK and {@code aws-lambda-java-core} (from the function jar) are used, so this one class file is the
 * whole driver; reading the event file is outside both timed windows, as the runtime reads it from its API first.
 */
public final class KoudeStartDriver {

    private KoudeStartDriver() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length != 2) {
            System.err.println("gebruik: KoudeStartDriver <handlerklasse> <eventbestand>");
            System.exit(2);
        }
        byte[] event = Files.readAllBytes(Path.of(args[1]));

        long t0 = System.nanoTime();
        Class<?> klasse = Class.forName(args[0], true, KoudeStartDriver.class.getClassLoader());
        RequestStreamHandler handler = (RequestStreamHandler) klasse.getDeclaredConstructor().newInstance();
        long t1 = System.nanoTime();
        long priming = 0;
        if (Boolean.getBoolean("koude-start.priming")) {
            // what SnapStart's beforeCheckpoint would run before the snapshot: the handler's Priming resource
            // (nl.termijnwacht.aws.Priming, from Functie.priming()); outside both timed windows
            long p0 = System.nanoTime();
            Object resource = klasse.getMethod("priming").invoke(handler);
            resource.getClass().getMethod("prime").invoke(resource);
            priming = System.nanoTime() - p0;
        }

        Context context = context(klasse.getSimpleName());
        ByteArrayOutputStream uit = new ByteArrayOutputStream();
        long t2 = System.nanoTime();
        handler.handleRequest(new ByteArrayInputStream(event), uit, context);
        long t3 = System.nanoTime();

        System.out.println("KOUDE-START init_ns=" + (t1 - t0) + " invoke_ns=" + (t3 - t2) + " priming_ns=" + priming);
        System.out.println("KOUDE-START output=" + Base64.getEncoder().encodeToString(uit.toByteArray()));
        System.out.flush();
    }

    /** A Context as the runtime passes one; a dynamic proxy, so no second class file is needed. */
    private static Context context(String naam) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class}, (proxy, methode, argumenten) ->
                switch (methode.getName()) {
                    case "getAwsRequestId" -> "koude-start-1";
                    case "getFunctionName", "getLogGroupName", "getLogStreamName" -> naam;
                    case "getFunctionVersion" -> "$LATEST";
                    case "getInvokedFunctionArn" -> "arn:aws:lambda:eu-west-1:123456789012:function:" + naam;
                    case "getRemainingTimeInMillis" -> 60_000;
                    case "getMemoryLimitInMB" -> 512;
                    case "getLogger" -> logger();
                    case "toString" -> "KoudeStartContext[" + naam + "]";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == argumenten[0];
                    default -> null;
                });
    }

    /** The runtime's logger writes to CloudWatch; here to stderr. */
    private static LambdaLogger logger() {
        return (LambdaLogger) Proxy.newProxyInstance(LambdaLogger.class.getClassLoader(), new Class<?>[] {LambdaLogger.class}, (proxy, methode, argumenten) -> {
            if (methode.getName().equals("log") && argumenten != null && argumenten.length > 0) {
                Object bericht = argumenten[0];
                System.err.println(bericht instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(bericht));
                return null;
            }
            return switch (methode.getName()) {
                case "toString" -> "KoudeStartLogger";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == argumenten[0];
                default -> null;
            };
        });
    }

    static String uitvoer(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
