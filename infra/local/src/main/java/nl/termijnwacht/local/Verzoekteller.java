package nl.termijnwacht.local;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/** Counts SDK requests and the DynamoDB items they returned; with {@code scanVerboden} a Scan fails loudly. */
public final class Verzoekteller implements ExecutionInterceptor {

    private final boolean scanVerboden;
    private final AtomicLong verzoeken = new AtomicLong();
    private final AtomicLong items = new AtomicLong();

    public Verzoekteller(boolean scanVerboden) {
        this.scanVerboden = scanVerboden;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (scanVerboden && context.request() instanceof ScanRequest) {
            throw new IllegalStateException("Scan op een tabel is hier verboden: zoek via de DueIndex");
        }
        verzoeken.incrementAndGet();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        SdkResponse r = context.response();
        switch (r) {
            case QueryResponse q -> items.addAndGet(q.count());
            case ScanResponse s -> items.addAndGet(s.count());
            case GetItemResponse g when g.hasItem() && !g.item().isEmpty() -> items.incrementAndGet();
            case BatchGetItemResponse b -> b.responses().values().forEach(l -> items.addAndGet(l.size()));
            default -> { }
        }
    }

    public long verzoeken() {
        return verzoeken.get();
    }

    public long items() {
        return items.get();
    }
}
