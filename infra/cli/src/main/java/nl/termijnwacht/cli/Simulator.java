package nl.termijnwacht.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.time.Duration;
import java.util.Map;
import nl.termijnwacht.local.Functiecatalogus;
import nl.termijnwacht.local.Inbox;
import nl.termijnwacht.local.LokaleStack;

/**
 * Replays time: at every step from {@code van} up to and including {@code tot} it delivers the events
 * that became due and runs the scheduled functions, as EventBridge Scheduler would. A step at which no
 * zaak is due is skipped without calling the scanner — it would find nothing — so a quarter takes seconds.
 */
final class Simulator {

    /** An event (a case event, a reply) delivered at instant {@code op}; {@code toelichting} tells the story (demo only). */
    record Gebeurtenis(Instant op, String event, String toelichting) {
        /** A step of the demo's script that follows an answer link from a notice ({@code {"link": {...}}}) instead of delivering an event. */
        boolean link() {
            return event.startsWith("{\"link\"");
        }
    }

    /** What the caller sees while time runs. */
    interface Waarnemer {
        default void event(Gebeurtenis gebeurtenis, JsonNode uitkomst) {
        }

        /** Called with each notification after the run (in topic order; sort by 'aangemaakt'); only when the simulator was given an inbox to read. */
        default void melding(ObjectNode melding) {
        }

        /**
         * Follows the answer link of a notice received so far ({@code meldingen}, oldest first); returns what it achieved
         * as an event function would ({@code resultaat}).
         */
        default JsonNode volgLink(Gebeurtenis gebeurtenis, List<ObjectNode> meldingen) {
            throw new IllegalStateException("deze simulatie volgt geen links");
        }
    }

    /** What a simulation did; {@code mislukteRuns} lists the instants of scanner runs that failed (the schedule went on). */
    record Verslag(int stappen, int scannerRuns, int events, int meldingen, List<String> mislukteRuns) {
    }

    private final Functies functies;
    private final Inbox inbox;
    private final PrintWriter voortgang;

    /**
     * @param leesInbox true to consume the notifications at the end (the demo prints them in time order); false leaves
     *                  them in the inbox queues for {@code termijnwacht meldingen}
     */
    Simulator(LokaleStack stack, PrintWriter voortgang, boolean leesInbox) {
        this.functies = new Functies(stack);
        this.inbox = leesInbox ? new Inbox(stack.clients().sqs(), stack.voorzieningen()) : null;
        this.voortgang = voortgang;
    }

    Verslag draai(Instant van, Instant tot, Invoer.Stap stap, List<Gebeurtenis> draaiboek, Waarnemer waarnemer) {
        Deque<Gebeurtenis> open = new ArrayDeque<>(draaiboek.stream().sorted(Comparator.comparing(Gebeurtenis::op)).toList());
        long totaal = Math.max(1, tot.getEpochSecond() - van.getEpochSecond());
        int stappen = 0;
        int runs = 0;
        int events = 0;
        int meldingen = 0;
        int laatstePromille = -1;
        List<String> mislukt = new java.util.ArrayList<>();
        List<ObjectNode> ontvangen = new java.util.ArrayList<>(); // notices read early to follow a link; handed over at the end
        List<Functiecatalogus.Functie> gepland = Functies.CATALOGUS.gepland();
        Map<String, Instant> due = new java.util.HashMap<>();
        gepland.forEach(f -> due.put(f.naam(), functies.eersteDue(f)));
        Instant vorige = van.minus(Duration.between(van, stap.na(van))); // the first step covers the step before it
        for (Instant t = van; !t.isAfter(tot); vorige = t, t = stap.na(t)) {
            stappen++;
            boolean veranderd = false;
            while (!open.isEmpty() && !open.peekFirst().op().isAfter(t)) {
                Gebeurtenis g = open.removeFirst();
                JsonNode uit;
                if (g.link()) {
                    ontvangen.addAll(Objects.requireNonNull(inbox, "links volgen vraagt een inbox").leeg());
                    uit = waarnemer.volgLink(g, ontvangen);
                    // the page wrote through its own server: what the Function URL functions write may be due now
                    Urlserver.functies().forEach(f -> functies.gewijzigd(f.naam()));
                } else {
                    uit = functies.invoke(functies.voorEvent(g.event()), g.event(), g.op());
                }
                events++;
                waarnemer.event(g, uit);
                veranderd = true;
            }
            if (veranderd) {
                gepland.forEach(f -> due.put(f.naam(), functies.eersteDue(f)));
            }
            for (Functiecatalogus.Functie f : gepland) {
                // As EventBridge Scheduler would: when its schedule fires within this step; a function that finds
                // its work through a due index is skipped while nothing is due (it would find nothing).
                Instant eerste = due.get(f.naam());
                boolean heeftWerk = f.dueTabellen().isEmpty() || eerste != null && !eerste.isAfter(t);
                if (!heeftWerk || !f.planning().orElseThrow().vuurtTussen(vorige, t)) {
                    continue;
                }
                runs++;
                try {
                    meldingen += functies.invoke(f.naam(), "{}", t).path("verzonden").asInt();
                } catch (RuntimeException e) {
                    // like EventBridge Scheduler: a failed run is reported, and the next step runs again
                    mislukt.add(f.naam() + " " + t + ": " + e.getMessage());
                    voortgang.println("simuleer: " + f.naam() + " " + t + " mislukt: " + e.getMessage());
                }
                gepland.forEach(g -> due.put(g.naam(), functies.eersteDue(g)));
            }
            int promille = (int) (1000 * (t.getEpochSecond() - van.getEpochSecond()) / totaal);
            if (promille / 100 != laatstePromille / 100) {
                laatstePromille = promille;
                voortgang.printf("simuleer %3d%%  %s  stappen %d, scannerruns %d, meldingen %d%n", promille / 10,
                        ZonedDateTime.ofInstant(t, Invoer.NEDERLAND).toLocalDate(), stappen, runs, meldingen);
                voortgang.flush();
            }
        }
        if (inbox != null) {
            ontvangen.addAll(inbox.leeg());
            ontvangen.forEach(waarnemer::melding); // once, at the end: each carries its instant ('aangemaakt')
        }
        voortgang.printf("simuleer 100%%  klaar: %d stappen, %d scannerruns (%d mislukt), %d events, %d meldingen%n",
                stappen, runs, mislukt.size(), events, meldingen);
        voortgang.flush();
        return new Verslag(stappen, runs, events, meldingen, List.copyOf(mislukt));
    }
}
