package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * How a command prints its rows: {@code --format table|csv|json|ndjson} ({@code table} when stdout is a terminal,
 * NDJSON otherwise), {@code --output FILE}, {@code --typed}. NDJSON is written row by row as before; the other
 * formats once all rows are known (a table sizes its columns to them and to the terminal).
 */
final class RowOutput {
  /** The formats, as {@code --format} names them. */
  enum Format { table, csv, json, ndjson }

  /** What a value longer than its column ends with. */
  static final String CUT = "…";
  private static final int NARROWEST = 6;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "table, csv, json or ndjson (default: table on a terminal, else ndjson).")
  Format format;

  @Option(names = "--output", paramLabel = "FILE", description = "Write the rows to FILE instead of stdout.")
  Path output;

  @Option(names = "--typed",
      description = "In json and ndjson, numbers as JSON numbers (default: text, as Splunk gives them).")
  boolean typed;

  /** Takes rows, and prints them as the options say when closed. */
  interface Printer extends AutoCloseable {
    void print(JsonNode row) throws IOException;

    @Override
    void close() throws IOException;
  }

  Printer open() throws IOException {
    boolean terminal = output == null && System.console() != null;
    Format chosen = format != null ? format : terminal ? Format.table : Format.ndjson;
    Writer writer;
    if (output == null) {
      writer = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
    } else {
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new Errors.UsageException("--output: " + output.toAbsolutePath() + ": the folder " + parent
            + " does not exist");
      }
      writer = Files.newBufferedWriter(output, StandardCharsets.UTF_8);
    }
    PrintWriter out = new PrintWriter(writer);
    boolean colour = terminal && System.getenv("NO_COLOR") == null;
    return new Printer() {
      private final List<JsonNode> rows = new ArrayList<>();

      @Override
      public void print(JsonNode row) throws IOException {
        JsonNode shown = typed ? typed(row) : row;
        if (chosen == Format.ndjson) {
          out.println(Engine.JSON.writeValueAsString(shown));
        } else {
          rows.add(shown);
        }
      }

      @Override
      public void close() throws IOException {
        switch (chosen) {
          case ndjson -> { }
          case json -> out.println(Engine.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
          case csv -> out.print(csv(rows));
          case table -> out.print(table(rows, terminalWidth(), colour));
        }
        out.flush();
        if (output != null) {
          out.close();
        }
      }
    };
  }

  /** {@code COLUMNS} where the shell says it, else 100. */
  private static int terminalWidth() {
    try {
      return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100").strip()));
    } catch (NumberFormatException e) {
      return 100;
    }
  }

  /** The row with every text that is a number written as one. */
  static JsonNode typed(JsonNode row) {
    if (!row.isObject()) {
      return row;
    }
    ObjectNode typed = JsonNodeFactory.instance.objectNode();
    row.fields().forEachRemaining(field -> typed.set(field.getKey(), typedValue(field.getValue())));
    return typed;
  }

  private static JsonNode typedValue(JsonNode value) {
    if (value.isArray()) {
      var array = JsonNodeFactory.instance.arrayNode();
      value.forEach(each -> array.add(typedValue(each)));
      return array;
    }
    if (value.isTextual() && value.asText().matches("-?(0|[1-9][0-9]{0,17})")) {
      return JsonNodeFactory.instance.numberNode(Long.parseLong(value.asText()));
    }
    if (value.isTextual() && value.asText().matches("-?(0|[1-9][0-9]*)\\.[0-9]+")) {
      return JsonNodeFactory.instance.numberNode(Double.parseDouble(value.asText()));
    }
    return value;
  }

  /** The fields of all rows, in the order they first appear. */
  private static List<String> columns(List<JsonNode> rows) {
    Set<String> columns = new LinkedHashSet<>();
    rows.forEach(row -> row.fieldNames().forEachRemaining(columns::add));
    return new ArrayList<>(columns);
  }

  /** A cell's text: a multivalue's values joined by {@code separator}, nothing for a missing field or null. */
  private static String text(JsonNode value, String separator) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "";
    }
    if (value.isArray()) {
      List<String> values = new ArrayList<>();
      value.forEach(each -> values.add(text(each, separator)));
      return String.join(separator, values);
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  /**
   * RFC 4180: a header line, then a line per row, CRLF line ends; a cell with a comma, a quote, a line break or
   * space at either end in double quotes, its quotes doubled. A multivalue's values are on lines of their own
   * inside the cell, as Splunk exports them.
   */
  static String csv(List<JsonNode> rows) {
    List<String> columns = columns(rows);
    StringBuilder csv = new StringBuilder();
    csv.append(String.join(",", columns.stream().map(RowOutput::csvCell).toList())).append("\r\n");
    for (JsonNode row : rows) {
      List<String> cells = new ArrayList<>();
      columns.forEach(column -> cells.add(csvCell(text(row.get(column), "\n"))));
      csv.append(String.join(",", cells)).append("\r\n");
    }
    return csv.toString();
  }

  private static String csvCell(String text) {
    boolean quote = text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")
        || !text.equals(text.strip());
    return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }

  /**
   * Columns as wide as their widest value, narrowed to fit {@code width} as {@link #fitTo} says; a value longer
   * than its column is cut, ending in {@value #CUT}.
   * A multivalue's values are joined by {@code ", "}. The header is bold when {@code colour}.
   */
  static String table(List<JsonNode> rows, int width, boolean colour) {
    List<String> columns = columns(rows);
    if (columns.isEmpty()) {
      return "(no rows)\n";
    }
    int[] widths = new int[columns.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = columns.get(c).length();
      for (JsonNode row : rows) {
        widths[c] = Math.max(widths[c], cell(columns.get(c), row).length());
      }
    }
    fitTo(widths, width - 2 * (widths.length - 1));
    StringBuilder table = new StringBuilder();
    List<String> header = new ArrayList<>();
    for (int c = 0; c < widths.length; c++) {
      header.add(fit(columns.get(c), widths[c]));
    }
    String head = String.join("  ", header).stripTrailing();
    table.append(colour ? "\u001b[1m" + head + "\u001b[0m" : head).append('\n');
    for (JsonNode row : rows) {
      List<String> cells = new ArrayList<>();
      for (int c = 0; c < widths.length; c++) {
        cells.add(fit(cell(columns.get(c), row).replace('\n', ' ').replace('\r', ' '), widths[c]));
      }
      table.append(String.join("  ", cells).stripTrailing()).append('\n');
    }
    return table.toString();
  }

  /**
   * A table cell: a multivalue's values joined by {@code ", "}; {@code _time} in epoch seconds shown as the instant
   * it is, as Splunk's search page shows it (CSV and JSON keep the number, as Splunk's exports do).
   */
  private static String cell(String column, JsonNode row) {
    JsonNode value = row.get(column);
    String text = text(value, ", ");
    if (column.equals("_time") && text.matches("\\d{1,12}")) {
      return java.time.Instant.ofEpochSecond(Long.parseLong(text)).toString();
    }
    return text;
  }

  /**
   * Narrows the columns to {@code room} in all, narrow ones first keeping their width: each column in turn, from the
   * narrowest, gets its width or an even share of the room the others left, whichever is less, and no less than
   * {@value #NARROWEST}; so a long command line gives way before a host name does.
   */
  private static void fitTo(int[] widths, int room) {
    Integer[] order = new Integer[widths.length];
    for (int c = 0; c < order.length; c++) {
      order[c] = c;
    }
    java.util.Arrays.sort(order, java.util.Comparator.comparingInt(c -> widths[c]));
    int left = room;
    for (int i = 0; i < order.length; i++) {
      int share = Math.max(NARROWEST, left / (order.length - i));
      widths[order[i]] = Math.min(widths[order[i]], share);
      left -= widths[order[i]];
    }
  }

  /** The text padded to {@code width}, or cut to it with {@value #CUT} at its end. */
  private static String fit(String text, int width) {
    if (text.length() > width) {
      return text.substring(0, Math.max(0, width - 1)) + CUT;
    }
    return text + " ".repeat(width - text.length());
  }
}
