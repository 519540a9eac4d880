package nl.termijnwacht.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The local command line of Termijnwacht: {@code ./termijnwacht COMMAND …} (README, "The chain, locally"). */
@Command(name = "termijnwacht",
        mixinStandardHelpOptions = true,
        version = "termijnwacht 0.1.0",
        description = "Termijnbewaking en escalatie voor omgevingsvergunningen — lokaal draaien en testen.")
public final class Termijnwacht {

    /** The commands, in the order help lists them. */
    private static final java.util.Map<String, Class<?>> COMMANDOS = commandos(BerekenCommand.class, EmulatorCommand.class, ProvisionCommand.class,
            InvokeCommand.class, LadderCommand.class, SimuleerCommand.class, MeldingenCommand.class, EscalatiesCommand.class, DlqCommand.class,
            DemoCommand.class, CommandLine.HelpCommand.class);

    private static java.util.Map<String, Class<?>> commandos(Class<?>... klassen) {
        java.util.Map<String, Class<?>> m = new java.util.LinkedHashMap<>();
        for (Class<?> k : klassen) {
            m.put(k.getAnnotation(Command.class).name(), k);
        }
        return m;
    }

    /** Exit code for input the user must correct. */
    public static final int ONGELDIGE_INVOER = 2;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command; returns the exit code (testable without exiting the JVM). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Termijnwacht());
        // Only the command asked for is built: picocli reads every registered command's options by reflection, and a
        // `bereken` that does not load the AWS commands starts in half the time. Help and errors see all of them.
        Class<?> gevraagd = args.length > 0 ? COMMANDOS.get(args[0]) : null;
        if (gevraagd != null && gevraagd != CommandLine.HelpCommand.class) {
            cli.addSubcommand(args[0], gevraagd);
        } else {
            COMMANDOS.forEach(cli::addSubcommand);
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
