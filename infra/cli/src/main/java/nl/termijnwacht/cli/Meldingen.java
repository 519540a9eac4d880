package nl.termijnwacht.cli;

import picocli.CommandLine;

/** Dutch one-line messages for picocli's parse errors. */
final class Meldingen {

    private Meldingen() {
    }

    static String vertaal(CommandLine.ParameterException e) {
        if (e.getCommandLine().getSubcommands().size() > 1 && e.getMessage().startsWith("Missing required subcommand")) {
            return "geef een commando: " + String.join(", ", e.getCommandLine().getSubcommands().keySet()) + " (zie --help)";
        }
        if (e instanceof CommandLine.MissingParameterException missing) {
            return missing.getMissing().stream()
                    .map(arg -> arg instanceof CommandLine.Model.OptionSpec o ? o.longestName() : arg.paramLabel())
                    .reduce((a, b) -> a + ", " + b)
                    .map(namen -> namen + ": verplicht maar niet opgegeven")
                    .orElse(e.getMessage());
        }
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            return unmatched.getUnmatched().getFirst() + ": onbekende optie of argument (zie --help)";
        }
        if (e instanceof CommandLine.OverwrittenOptionException overwritten) {
            String naam = overwritten.getOverwritten() instanceof CommandLine.Model.OptionSpec o ? o.longestName() : overwritten.getOverwritten().paramLabel();
            return naam + ": mag maar één keer worden opgegeven";
        }
        return e.getMessage();
    }
}
