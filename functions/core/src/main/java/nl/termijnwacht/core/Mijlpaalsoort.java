package nl.termijnwacht.core;

/** Kinds of milestone of a zaak (docs/termijnregels.md, Milestones), grouped in chains: within a chain only the latest overdue one is sent. */
public enum Mijlpaalsoort {
    VOORWAARSCHUWING(Keten.TERMIJN),
    VERVALDAG(Keten.TERMIJN),
    VERSTREKEN(Keten.TERMIJN),
    DWANGSOM_START(Keten.DWANGSOM),
    DWANGSOM_MAX(Keten.DWANGSOM),
    /** The term set for supplementing passed unused: the suspension ended by itself, the gemeente is told. */
    OPSCHORTING_VERLOPEN(Keten.OPSCHORTING);

    public enum Keten { TERMIJN, DWANGSOM, OPSCHORTING }

    private final Keten keten;

    Mijlpaalsoort(Keten keten) {
        this.keten = keten;
    }

    public Keten keten() {
        return keten;
    }
}
