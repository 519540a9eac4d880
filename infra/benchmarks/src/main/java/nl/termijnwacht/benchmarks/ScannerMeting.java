package nl.termijnwacht.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.termijnwacht.emulator.Emulator;
import nl.termijnwacht.functions.termijnscanner.TermijnScan;
import nl.termijnwacht.functions.termijnscanner.TermijnScannerHandler;
import nl.termijnwacht.local.LokaleStack;
import nl.termijnwacht.local.Proefdata;
import nl.termijnwacht.local.Simulatieklok;
import nl.termijnwacht.local.Verzoekteller;

/**
 * Prints the scanner's figures for 10,000 open zaken with 10 and with 1,000 due: run time, items read
 * and requests, against the emulator (moto_server over HTTP; in AWS the latency per call is lower).
 */
public final class ScannerMeting {

    public static void main(String[] args) {
        int open = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        String breedte = args.length > 1 ? args[1] : "16";
        Instant nu = Instant.parse("2026-06-15T05:00:00Z");
        try (Emulator emulator = Emulator.forTests()) {
            System.out.printf("PARALLEL=%s%n%-10s %-8s %12s %14s %12s %10s%n", breedte, "open", "due", "run (ms)", "items gelezen", "verzoeken", "verzonden");
            for (int due : List.of(10, 1_000)) {
                emulator.reset();
                LokaleStack stack = LokaleStack.op(emulator.endpoint(), java.util.Map.of("PARALLEL", breedte));
                Proefdata.vul(stack, open, due, nu);
                Verzoekteller teller = new Verzoekteller(true);
                TermijnScannerHandler scanner = TermijnScannerHandler.bouw(stack.clients(List.of(teller)), new Simulatieklok(nu));
                long start = System.nanoTime();
                nl.termijnwacht.aws.DueScan.Verslag v = scanner.scan().voerUit(nu);
                long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
                System.out.printf("%-10d %-8d %12d %14d %12d %10d%n", open, due, ms, teller.items(), teller.verzoeken(), v.gelukt());
            }
        }
    }
}
