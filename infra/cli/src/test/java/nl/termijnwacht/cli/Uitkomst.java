package nl.termijnwacht.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One CLI call in-process, as the launcher would make it: exit code, stdout and stderr. */
record Uitkomst(int code, String out, String err) {

    static Uitkomst run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Termijnwacht.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Uitkomst(code, out.toString(), err.toString());
    }

    JsonNode json() throws IOException {
        return new ObjectMapper().readTree(out);
    }
}
