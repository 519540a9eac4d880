package nl.termijnwacht.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.termijnwacht.aws.DueScan;
import nl.termijnwacht.emulator.Emulator;
import nl.termijnwacht.functions.escalatiescanner.EscalatieScannerHandler;
import nl.termijnwacht.functions.termijnscanner.TermijnScannerHandler;
import nl.termijnwacht.local.LokaleStack;
import nl.termijnwacht.local.Proefdata;
import nl.termijnwacht.local.Simulatieklok;
import nl.termijnwacht.local.Verzoekteller;

/**
 * Prints both scanners' figures for N open items with some due: run time, items read (per due item) and
 * requests, against the emulator (moto_server over HTTP; in AWS the latency per call is lower, and moto's own
 * index query costs O(table), which DynamoDB's does not).
 *
 * <p>Arguments: {@code [open] [due,due,...] [PARALLEL]}, e.g. {@code 100000 100}; default 10,000 open with 10 and 1,000 due.
 */
public final class ScannerMeting {

    public static void main(String[] args) {
        int open = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        List<Integer> dues = new ArrayList<>();
        for (String d : (args.length > 1 ? args[1] : "10,1000").split(",")) {
            dues.add(Integer.parseInt(d.strip()));
        }
        String breedte = args.length > 2 ? args[2] : "16";
        Instant nu = Instant.parse("2026-06-15T05:00:00Z");
        try (Emulator emulator = Emulator.forTests()) {
            System.out.printf("PARALLEL=%s%n%-18s %-8s %-6s %10s %8s %9s %10s %10s%n", breedte, "scanner", "open", "due", "run (ms)", "gelezen",
                    "per due", "verzoeken", "verzonden");
            for (String scanner : List.of("termijn-scanner", "escalatie-scanner")) {
                for (int due : dues) {
                    emulator.reset();
                    LokaleStack stack = LokaleStack.op(emulator.endpoint(), Map.of("PARALLEL", breedte));
                    if (scanner.equals("termijn-scanner")) {
                        Proefdata.vul(stack, open, due, nu);
                    } else {
                        Proefdata.vulEscalaties(stack, open, due, nu);
                    }
                    Verzoekteller teller = new Verzoekteller(true);
                    Simulatieklok klok = new Simulatieklok(nu);
                    long start = System.nanoTime();
                    DueScan.Verslag v = scanner.equals("termijn-scanner")
                            ? TermijnScannerHandler.bouw(stack.clients(List.of(teller)), klok).scan().voerUit(nu)
                            : EscalatieScannerHandler.bouw(stack.clients(List.of(teller)), klok).scan().voerUit(nu);
                    long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
                    System.out.printf("%-18s %-8d %-6d %10d %8d %9.2f %10d %10d%n", scanner, open, due, ms, teller.items(),
                            (double) teller.items() / due, teller.verzoeken(), v.verzonden());
                }
            }
        }
    }
}
