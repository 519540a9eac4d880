package nl.termijnwacht.core;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of fact a zaaksysteem tells (docs/architectuur.md), each with its EventBridge detail-type. This is
 * the one table the event parser, the stored form of a fact and the bus rule's pattern derive from: the
 * stored name is this constant, never a Java class name, so renaming a class cannot orphan stored facts.
 */
public enum Feitsoort {
    AANVRAAG_ONTVANGEN("AanvraagOntvangen"),
    AANVULLING_GEVRAAGD("AanvullingGevraagd"),
    AANVULLING_ONTVANGEN("AanvullingOntvangen"),
    OPSCHORTING_MET_INSTEMMING("OpschortingMetInstemming"),
    TERMIJN_VERLENGD("TermijnVerlengd"),
    INGEBREKESTELLING_ONTVANGEN("IngebrekestellingOntvangen"),
    BESLUIT_BEKENDGEMAAKT("BesluitBekendgemaakt"),
    AANVRAAG_INGETROKKEN("AanvraagIngetrokken");

    private final String detailType;

    Feitsoort(String detailType) {
        this.detailType = detailType;
    }

    /** The event's detail-type, also the name under which a fact is stored. */
    public String detailType() {
        return detailType;
    }

    /** A besluit or a withdrawal closes the zaak: it is accepted even when the dossier is full. */
    public boolean sluitZaakAf() {
        return this == BESLUIT_BEKENDGEMAAKT || this == AANVRAAG_INGETROKKEN;
    }

    public static Optional<Feitsoort> vanDetailType(String detailType) {
        for (Feitsoort s : values()) {
            if (s.detailType.equals(detailType)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Every detail-type, sorted: for error messages and the bus rule's pattern. */
    public static List<String> detailTypes() {
        return Arrays.stream(values()).map(Feitsoort::detailType).sorted().toList();
    }
}
