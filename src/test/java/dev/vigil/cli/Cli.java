package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code vigil} in-process with stdout and stderr captured. */
final class Cli {
  static final ObjectMapper JSON = new ObjectMapper();

  private Cli() {}

  record Outcome(int exit, String out, String err) {
    /** stdout as NDJSON; fails the test when any line is not a JSON object. */
    List<JsonNode> rows() throws Exception {
      List<JsonNode> rows = new ArrayList<>();
      for (String line : out.split("\n")) {
        if (!line.isEmpty()) {
          JsonNode node = JSON.readTree(line);
          if (!node.isObject()) {
            throw new AssertionError("not a JSON object: " + line);
          }
          rows.add(node);
        }
      }
      return rows;
    }

    List<String> outLines() {
      return out.lines().toList();
    }
  }

  static Outcome vigil(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      int exit = Vigil.commandLine().execute(args);
      return new Outcome(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
