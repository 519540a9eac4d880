package nl.termijnwacht.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The local command line of Termijnwacht: {@code ./termijnwacht COMMAND …} (README, "The chain, locally").
 * The top level and {@code bereken} are declared through picocli's programmatic API, the other commands by
 * annotations (see {@link BerekenCommand} for why).
 */
public final class Termijnwacht {

    static final String VERSIE = "termijnwacht 0.1.0";

    /** The annotated commands, in the order help lists them (after {@code bereken}); read only when one is asked for. */
    private static final class Annotated {
        static final Map<String, Class<?>> COMMANDOS = commandos(EmulatorCommand.class, ProvisionCommand.class, InvokeCommand.class,
                LadderCommand.class, SimuleerCommand.class, MeldingenCommand.class, EscalatiesCommand.class, DlqCommand.class, AbonnementCommand.class,
                ServeCommand.class, RapportCommand.class, HertelCommand.class, DemoCommand.class, CommandLine.HelpCommand.class);

        private static Map<String, Class<?>> commandos(Class<?>... klassen) {
            Map<String, Class<?>> m = new LinkedHashMap<>();
            for (Class<?> k : klassen) {
                m.put(k.getAnnotation(Command.class).name(), k);
            }
            return m;
        }
    }

    private Termijnwacht() {
    }

    /** -h/--help and -V/--version, as picocli's mixinStandardHelpOptions adds them, without its annotation reading. */
    static void standaardHulpopties(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).description("Print version information and exit.").build());
    }

    private static CommandSpec hoofdcommando() {
        CommandSpec spec = CommandSpec.create().name("termijnwacht").version(VERSIE);
        spec.usageMessage().description("Termijnbewaking en escalatie voor omgevingsvergunningen — lokaal draaien en testen.");
        standaardHulpopties(spec);
        return spec;
    }

    /** Exit code for input the user must correct. */
    public static final int ONGELDIGE_INVOER = 2;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command; returns the exit code (testable without exiting the JVM). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(hoofdcommando());
        // Only the command asked for is built: picocli reads every annotated command's options by reflection, and a
        // `bereken` that does not load the AWS commands starts in half the time. Help and errors see all of them.
        String gevraagd = args.length > 0 ? args[0] : "";
        if (gevraagd.equals("bereken")) {
            cli.addSubcommand("bereken", BerekenCommand.spec());
        } else if (Annotated.COMMANDOS.containsKey(gevraagd) && !gevraagd.equals("help")) {
            cli.addSubcommand(gevraagd, Annotated.COMMANDOS.get(gevraagd));
        } else {
            cli.addSubcommand("bereken", BerekenCommand.spec());
            Annotated.COMMANDOS.forEach(cli::addSubcommand);
        }
        cli.setOut(out);
        cli.setErr(err);
        // Bad input: one line that names the argument and the problem, exit code 2, never a stack trace.
        cli.setParameterExceptionHandler((e, arguments) -> {
            String commando = e.getCommandLine().getCommandName();
            err.println(commando + ": " + Meldingen.vertaal(e));
            err.flush();
            return ONGELDIGE_INVOER;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof FouteInvoer fout) {
                err.println(commandLine.getCommandName() + ": " + fout.getMessage());
                err.flush();
                return ONGELDIGE_INVOER;
            }
            if (e instanceof IllegalStateException omgeving) {
                // the environment is not ready (no emulator, bad configuration): say what to do, no stack trace
                err.println(commandLine.getCommandName() + ": " + omgeving.getMessage());
                err.flush();
                return 1;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
