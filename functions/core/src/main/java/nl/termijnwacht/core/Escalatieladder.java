package nl.termijnwacht.core;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An escalation ladder agreed in advance (docs/escalatie.md): who is told, in which order, and how many Atw
 * working days each level has to answer. Read and validated from {@code infra/ladders/<id>.yaml} (or a
 * gemeente's own variant {@code <id>.<GMxxxx>.yaml}); an instance is always valid.
 *
 * @param gemeente             the gemeente whose own variant this is, or null for the shipped ladder
 * @param vastgesteld          who approved it, when, under which reference; null only in a local or test stage
 * @param herinneringWerkdagen at the top level, a reminder every so many working days until the item is solved
 */
public record Escalatieladder(String id, int versie, String thema, String gemeente, Vaststelling vastgesteld,
                              int herinneringWerkdagen, List<Niveau> niveaus) {

    /** Terms are working days, and a ladder whose level waits longer than a quarter is no escalation. */
    public static final int MAX_WERKDAGEN = 60;

    /** The approval block: the college or body that adopted the ladder, the date, and its decision reference. */
    public record Vaststelling(String door, LocalDate datum, String kenmerk) {
        public Vaststelling {
            Objects.requireNonNull(door);
            Objects.requireNonNull(datum);
            Objects.requireNonNull(kenmerk);
        }
    }

    /**
     * One rung of the ladder.
     *
     * @param reactieWerkdagen    working days after the day the item reached this level within which it must answer
     * @param opvolgWerkdagen     after {@code Opgepakt}: working days within which it must be solved
     * @param informeerRegietafel a notice to this level is also sent to the regietafel
     * @param terugleggenHoogstens how often this level may send the item back down; beyond it the item can only climb
     */
    public record Niveau(int niveau, String naam, String rol, int reactieWerkdagen, int opvolgWerkdagen, boolean informeerRegietafel,
                         int terugleggenHoogstens) {
        public Niveau {
            Objects.requireNonNull(naam);
            Objects.requireNonNull(rol);
            if (reactieWerkdagen < 1 || opvolgWerkdagen < 1 || reactieWerkdagen > MAX_WERKDAGEN || opvolgWerkdagen > MAX_WERKDAGEN) {
                throw new IllegalArgumentException("termijnen van niveau " + niveau + " moeten 1 … " + MAX_WERKDAGEN + " werkdagen zijn");
            }
            if (terugleggenHoogstens < 0 || terugleggenHoogstens > MAX_TERUGLEGGEN) {
                throw new IllegalArgumentException("terugleggenHoogstens van niveau " + niveau + " moet 0 … " + MAX_TERUGLEGGEN + " zijn");
            }
        }

        /** A level with the default bound on sending back ({@link #STANDAARD_TERUGLEGGEN}). */
        public Niveau(int niveau, String naam, String rol, int reactieWerkdagen, int opvolgWerkdagen, boolean informeerRegietafel) {
            this(niveau, naam, rol, reactieWerkdagen, opvolgWerkdagen, informeerRegietafel, STANDAARD_TERUGLEGGEN);
        }
    }

    /** A level may send an item back twice unless its ladder says otherwise: a third time it climbs instead. */
    public static final int STANDAARD_TERUGLEGGEN = 2;
    /** Sending back more often than this is no escalation but a loop. */
    public static final int MAX_TERUGLEGGEN = 5;

    public Escalatieladder {
        Objects.requireNonNull(id);
        Objects.requireNonNull(thema);
        niveaus = List.copyOf(niveaus);
        if (niveaus.isEmpty()) {
            throw new IllegalArgumentException("ladder " + id + " heeft geen niveaus");
        }
        for (int i = 0; i < niveaus.size(); i++) {
            if (niveaus.get(i).niveau() != i + 1) {
                throw new IllegalArgumentException("ladder " + id + ": niveaus moeten 1 … n op volgorde zijn");
            }
        }
        if (herinneringWerkdagen < 1 || herinneringWerkdagen > MAX_WERKDAGEN) {
            throw new IllegalArgumentException("ladder " + id + ": herinneringWerkdagen moet 1 … " + MAX_WERKDAGEN + " zijn");
        }
    }

    /** Level {@code n} (1-based). */
    public Niveau niveau(int n) {
        if (n < 1 || n > niveaus.size()) {
            throw new IllegalArgumentException("ladder " + id + " heeft geen niveau " + n);
        }
        return niveaus.get(n - 1);
    }

    public Optional<Niveau> zoekNiveau(int n) {
        return n >= 1 && n <= niveaus.size() ? Optional.of(niveaus.get(n - 1)) : Optional.empty();
    }

    public int top() {
        return niveaus.size();
    }

    public boolean isVastgesteld() {
        return vastgesteld != null;
    }

    /**
     * Whether the ladder applies on {@code dag}: from its adoption date on, never before. A ladder without
     * approval (only possible in a local or test stage) applies always.
     */
    public boolean geldtOp(LocalDate dag) {
        return vastgesteld == null || !vastgesteld.datum().isAfter(dag);
    }

    /** The file this ladder comes from: {@code id.yaml}, or {@code id.GMxxxx.yaml} for a gemeente's variant. */
    public String bestand() {
        return gemeente == null ? id + ".yaml" : id + "." + gemeente + ".yaml";
    }
}
