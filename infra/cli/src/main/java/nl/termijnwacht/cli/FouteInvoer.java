package nl.termijnwacht.cli;

/** Input the user must correct; its message is one Dutch line naming the argument. */
final class FouteInvoer extends RuntimeException {
    FouteInvoer(String optie, String reden) {
        super(optie + ": " + reden);
    }
}
