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
     */
    public record Niveau(int niveau, String naam, String rol, int reactieWerkdagen, int opvolgWerkdagen, boolean informeerRegietafel) {
        public Niveau {
            Objects.requireNonNull(naam);
            Objects.requireNonNull(rol);
            if (reactieWerkdagen < 1 || opvolgWerkdagen < 1 || reactieWerkdagen > MAX_WERKDAGEN || opvolgWerkdagen > MAX_WERKDAGEN) {
                throw new IllegalArgumentException("termijnen van niveau " + niveau + " moeten 1 … " + MAX_WERKDAGEN + " werkdagen zijn");
            }
        }
    }

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

    /** The file this ladder comes from: {@code id.yaml}, or {@code id.GMxxxx.yaml} for a gemeente's variant. */
    public String bestand() {
        return gemeente == null ? id + ".yaml" : id + "." + gemeente + ".yaml";
    }
}
