package nl.termijnwacht.cli;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import nl.termijnwacht.core.Datums;

/** Parsing of command-line values with messages that name the option. */
final class Invoer {

    private Invoer() {
    }

    static LocalDate datum(String optie, String waarde) {
        if (waarde == null) {
            return null;
        }
        try {
            return Datums.parse(waarde.strip());
        } catch (DateTimeParseException e) {
            throw new FouteInvoer(optie, "'" + waarde + "' is geen bestaande datum (verwacht JJJJ-MM-DD, bijv. 2026-03-31)");
        }
    }
}
