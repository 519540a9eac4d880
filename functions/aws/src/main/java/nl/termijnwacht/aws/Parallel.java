package nl.termijnwacht.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Runs I/O-bound work (one AWS call chain per item) on virtual threads, at most {@code breedte} at a
 * time, and returns the results in input order. A run of the scanner waits on DynamoDB and SNS, not
 * on the CPU, so this shortens it by about the width.
 */
public final class Parallel {

    private final int breedte;

    public Parallel(int breedte) {
        if (breedte < 1) {
            throw new IllegalArgumentException("breedte moet positief zijn: " + breedte);
        }
        this.breedte = breedte;
    }

    /** @throws RuntimeException the first failure, after every task has finished */
    public <T, R> List<R> map(List<T> invoer, Function<T, R> werk) {
        if (invoer.size() <= 1 || breedte == 1) {
            return invoer.stream().map(werk).toList();
        }
        Semaphore plaatsen = new Semaphore(breedte);
        List<Future<R>> toekomst = new ArrayList<>(invoer.size());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (T item : invoer) {
                toekomst.add(threads.submit(() -> {
                    plaatsen.acquire();
                    try {
                        return werk.apply(item);
                    } finally {
                        plaatsen.release();
                    }
                }));
            }
        }
        List<R> uit = new ArrayList<>(invoer.size());
        RuntimeException eerste = null;
        for (Future<R> f : toekomst) {
            try {
                uit.add(f.get());
            } catch (ExecutionException e) {
                if (eerste == null) {
                    eerste = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("onderbroken", e);
            }
        }
        if (eerste != null) {
            throw eerste;
        }
        return uit;
    }
}
