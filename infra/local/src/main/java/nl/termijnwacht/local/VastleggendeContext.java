package nl.termijnwacht.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** For tests: a Lambda context whose logger keeps every line, so a test can read what a function would log. */
public final class VastleggendeContext implements Context {

    /** Every line logged, in order. */
    public final List<String> regels = new CopyOnWriteArrayList<>();
    private final String functie;
    private final LambdaLogger logger = new LambdaLogger() {
        @Override
        public void log(String bericht) {
            regels.add(bericht);
        }

        @Override
        public void log(byte[] bericht) {
            regels.add(new String(bericht, StandardCharsets.UTF_8));
        }

        @Override
        public void log(String bericht, LogLevel niveau) {
            regels.add(bericht);
        }

        @Override
        public void log(byte[] bericht, LogLevel niveau) {
            regels.add(new String(bericht, StandardCharsets.UTF_8));
        }
    };

    /** @param functie the function's name as in template.yaml */
    public VastleggendeContext(String functie) {
        this.functie = functie;
    }

    @Override
    public String getAwsRequestId() {
        return "00000000-0000-4000-8000-000000000000";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functie;
    }

    @Override
    public String getLogStreamName() {
        return "2026/06/15/[$LATEST]test";
    }

    @Override
    public String getFunctionName() {
        return functie;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-1:123456789012:function:" + functie;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 30_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
