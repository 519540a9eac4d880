package nl.termijnwacht.core;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The decision procedure of an omgevingsvergunning application, with its base term. */
public enum Procedure {
    /** Reguliere procedure: 8 weeks (Omgevingswet art. 16.64 lid 1). */
    REGULIER("regulier", "8 weken", "art. 16.64 lid 1 Omgevingswet"),
    /** Reguliere procedure with instemming (Ow art. 16.16): 12 weeks. */
    REGULIER_INSTEMMING("regulier-instemming", "12 weken", "art. 16.64 lid 1 jo. 16.16 Omgevingswet"),
    /** Uitgebreide procedure (Awb afd. 3.4, Ow art. 16.65): 6 months (Awb art. 3:18 lid 1). */
    UITGEBREID("uitgebreid", "6 maanden", "art. 3:18 lid 1 Awb jo. 16.65 Omgevingswet");

    private final String code;
    private final String duur;
    private final String grondslag;

    Procedure(String code, String duur, String grondslag) {
        this.code = code;
        this.duur = duur;
        this.grondslag = grondslag;
    }

    /** The code used in events and on the command line, e.g. {@code regulier-instemming}. */
    public String code() {
        return code;
    }

    public String duur() {
        return duur;
    }

    public String grondslag() {
        return grondslag;
    }

    /** Raw end of the base term, counted from the day after receipt; months clamp to the month's last day. */
    public LocalDate ruweEinde(LocalDate ontvangen) {
        return switch (this) {
            case REGULIER -> ontvangen.plusDays(56);
            case REGULIER_INSTEMMING -> ontvangen.plusDays(84);
            case UITGEBREID -> ontvangen.plusMonths(6);
        };
    }

    public static Procedure vanCode(String code) {
        for (Procedure p : values()) {
            if (p.code.equals(code)) {
                return p;
            }
        }
        throw new OngeldigeInvoer("procedure", "onbekende procedure " + OngeldigeInvoer.citaat(code) + "; kies uit "
                + Arrays.stream(values()).map(Procedure::code).collect(Collectors.joining(", ")));
    }
}
