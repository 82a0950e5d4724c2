package dev.vigil.spl;

import dev.vigil.spl.Command.Assignment;
import dev.vigil.spl.Command.Conversion;
import dev.vigil.spl.Command.Renaming;
import dev.vigil.spl.Lexer.Mode;
import dev.vigil.spl.Token.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Parses macro-expanded SPL into a {@link Pipeline}. Every error names the offending token's position in the
 * text it was given.
 */
public final class SplParser {
  private final String text;
  private final Lexer lexer;
  private List<Token> tokens;
  private int next;
  /** The name of the command being parsed, for errors about the command as a whole. */
  private Token commandName;

  private SplParser(String text) {
    this.text = text;
    this.lexer = new Lexer(text);
  }

  /** Parses SPL in which macros are already expanded. */
  public static Pipeline parse(String spl) {
    return new SplParser(spl).pipeline(0, spl.length(), false);
  }

  /**
   * The commands of {@code text[from, to)}. Generating commands ({@code tstats}, {@code inputlookup}) may only
   * open a search, and a subsearch must open with one.
   */
  private Pipeline pipeline(int from, int to, boolean subsearch) {
    List<Command> commands = new ArrayList<>();
    List<int[]> segments = commandSegments(from, to);
    for (int[] segment : segments) {
      Command command = command(segment[0], segment[1]);
      Token name = commandName;
      boolean generating = command instanceof Command.Tstats || command instanceof Command.Inputlookup;
      if (generating && !commands.isEmpty()) {
        throw error(name.text() + " must be the first command of a search", name);
      }
      if (subsearch && commands.isEmpty() && !generating) {
        throw error("a subsearch must start with | tstats or | inputlookup", name);
      }
      commands.add(command);
    }
    if (commands.isEmpty()) {
      throw new SplException(subsearch ? "empty subsearch" : "empty search", text, from);
    }
    return new Pipeline(commands);
  }

  /** Offsets of each command's text: split at pipes that are outside quotes and brackets. */
  private List<int[]> commandSegments(int from, int to) {
    List<int[]> segments = new ArrayList<>();
    int depth = 0;
    boolean inQuotes = false;
    int start = from;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '\\' && inQuotes) {
        i++;
      } else if (c == '"') {
        inQuotes = !inQuotes;
      } else if (!inQuotes && c == '[') {
        depth++;
      } else if (!inQuotes && c == ']') {
        depth--;
      } else if (!inQuotes && depth == 0 && c == '|') {
        addSegment(segments, start, i);
        start = i + 1;
      }
    }
    addSegment(segments, start, to, to);
    return segments;
  }

  private void addSegment(List<int[]> segments, int from, int to) {
    addSegment(segments, from, to, text.length());
  }

  private void addSegment(List<int[]> segments, int from, int to, int end) {
    if (!text.substring(from, to).isBlank()) {
      segments.add(new int[] {from, to});
    } else if (!segments.isEmpty() || to < end) {
      // An empty command between two pipes is an error; a leading pipe before the first command is normal.
      if (!segments.isEmpty()) {
        throw new SplException("empty command between pipes", text, from);
      }
    }
  }

  private Command command(int from, int to) {
    tokens = lexer.tokenize(from, to, Mode.SEARCH);
    next = 0;
    Token name = peek();
    if (!name.is(Kind.WORD) || name.quoted()) {
      throw error("expected a command name", name);
    }
    commandName = name;
    String command = name.text().toLowerCase(Locale.ROOT);
    if (command.equals("where") || command.equals("eval")) {
      tokens = lexer.tokenize(name.end(), to, Mode.EXPRESSION);
      next = 0;
      return command.equals("where") ? new Command.Where(expressionToEnd()) : eval();
    }
    next++;
    Command parsed = switch (command) {
      case "tstats" -> tstats();
      case "rename" -> rename();
      case "convert" -> convert();
      case "search" -> new Command.Search(searchExpression(t -> false, false));
      case "table" -> new Command.Table(fieldList());
      case "fields" -> fields();
      case "inputlookup" -> inputlookup();
      case "stats" -> stats();
      case "dedup" -> dedup();
      case "lookup" -> lookup();
      case "regex" -> regex();
      case "rex" -> rex();
      case "eventstats" -> eventstats();
      case "join" -> join();
      case "fillnull" -> fillnull();
      case "sort" -> sort();
      case "head" -> head();
      case "bin", "bucket" -> bin();
      case "transaction" -> transaction();
      default -> throw error("unsupported command '" + name.text() + "'", name);
    };
    expect(Kind.END, "end of the " + command + " command");
    return parsed;
  }

  // ---- tstats -------------------------------------------------------------------------------------------

  private Command.Tstats tstats() {
    Optional<String> fillnull = Optional.empty();
    while (peek().is(Kind.WORD) && peekAt(1).isOperator("=")) {
      Token option = take();
      take();
      Token value = expectWord("a value for " + option.text());
      switch (option.text().toLowerCase(Locale.ROOT)) {
        case "summariesonly", "allow_old_summaries", "chunk_size" -> {
          // Vigil's index always holds every event, so summary options change nothing (SEMANTICS §4.1).
        }
        case "fillnull_value" -> fillnull = Optional.of(value.text());
        default -> throw error("unsupported tstats option '" + option.text() + "'", option);
      }
    }
    List<Aggregation> aggregations = new ArrayList<>();
    while (!peek().isWordIgnoreCase("from")) {
      if (peek().is(Kind.END)) {
        throw error("expected 'from datamodel=…' in tstats", peek());
      }
      aggregations.add(aggregation());
      if (peek().is(Kind.COMMA)) {
        take();
      }
    }
    if (aggregations.isEmpty()) {
      throw error("tstats needs at least one aggregation such as count", peek());
    }
    take();
    Token source = expectWord("datamodel=…");
    if (!source.text().equalsIgnoreCase("datamodel")) {
      throw error("tstats reads only from a data model: expected 'datamodel='", source);
    }
    expectOperator("=");
    Token model = expectWord("a data model name such as Endpoint.Processes");
    int dot = model.text().indexOf('.');
    if (dot < 0) {
      throw error("name the data set too, as in Endpoint.Processes", model);
    }
    SearchExpr where = new SearchExpr.MatchAll();
    if (peek().isWordIgnoreCase("where")) {
      take();
      where = searchExpression(t -> t.isWordIgnoreCase("by"), true);
    }
    List<String> groupBy = new ArrayList<>();
    Optional<Duration> span = Optional.empty();
    if (peek().isWordIgnoreCase("by")) {
      take();
      while (!peek().is(Kind.END)) {
        if (peek().is(Kind.COMMA)) {
          take();
          continue;
        }
        Token field = expectWord("a field to group by");
        if (field.text().equalsIgnoreCase("span") && peek().isOperator("=")) {
          take();
          span = Optional.of(span(expectWord("a span such as 1h")));
        } else {
          groupBy.add(field.text());
        }
      }
      if (groupBy.isEmpty()) {
        throw error("'by' needs at least one field", peek());
      }
    }
    return new Command.Tstats(aggregations, model.text().substring(0, dot), model.text().substring(dot + 1),
        where, groupBy, span, fillnull);
  }

  private Aggregation aggregation() {
    Token name = expectWord("an aggregation such as count or min(_time)");
    Aggregation.Function function = Aggregation.Function.named(name.text())
        .orElseThrow(() -> error("unsupported aggregation '" + name.text() + "'", name));
    Optional<String> field = Optional.empty();
    String written = name.text();
    if (peek().is(Kind.LPAREN)) {
      take();
      Token argument = expectWord("a field name");
      expect(Kind.RPAREN, "')'");
      field = Optional.of(argument.text());
      written = name.text() + "(" + argument.text() + ")";
    } else if (function != Aggregation.Function.COUNT) {
      throw error(name.text() + " needs a field, as in " + name.text() + "(field)", name);
    }
    String output = written;
    if (peek().isWordIgnoreCase("as")) {
      take();
      output = expectWord("a name after 'as'").text();
    }
    return new Aggregation(function, field, output);
  }

  private Duration span(Token token) {
    String value = token.text().toLowerCase(Locale.ROOT);
    int split = 0;
    while (split < value.length() && Character.isDigit(value.charAt(split))) {
      split++;
    }
    long amount = split == 0 ? 1 : Long.parseLong(value.substring(0, split));
    Duration unit = switch (value.substring(split)) {
      case "s", "sec", "secs", "second", "seconds" -> Duration.ofSeconds(1);
      case "m", "min", "mins", "minute", "minutes" -> Duration.ofMinutes(1);
      case "h", "hr", "hrs", "hour", "hours" -> Duration.ofHours(1);
      case "d", "day", "days" -> Duration.ofDays(1);
      default -> throw error("unsupported span '" + token.text() + "': use s, m, h or d", token);
    };
    if (amount <= 0) {
      throw error("span must be positive", token);
    }
    return unit.multipliedBy(amount);
  }

  // ---- search expressions (SEMANTICS §4.3: OR binds tighter than the implicit AND) ------------------------

  /** @param tstats whether this is tstats' where, which compares with = and != only */
  private SearchExpr searchExpression(Predicate<Token> stop, boolean tstats) {
    List<SearchExpr> conjuncts = new ArrayList<>();
    while (!peek().is(Kind.END) && !peek().is(Kind.RPAREN) && !stop.test(peek())) {
      if (peek().isKeyword("AND")) {
        if (conjuncts.isEmpty()) {
          throw error("AND needs a term on its left", peek());
        }
        take();
        continue;
      }
      conjuncts.add(searchOr(stop, tstats));
    }
    if (conjuncts.isEmpty()) {
      throw error("expected a search term", peek());
    }
    return conjuncts.size() == 1 ? conjuncts.get(0) : new SearchExpr.And(conjuncts);
  }

  private SearchExpr searchOr(Predicate<Token> stop, boolean tstats) {
    List<SearchExpr> disjuncts = new ArrayList<>();
    disjuncts.add(searchNot(stop, tstats));
    while (peek().isKeyword("OR")) {
      take();
      disjuncts.add(searchNot(stop, tstats));
    }
    return disjuncts.size() == 1 ? disjuncts.get(0) : new SearchExpr.Or(disjuncts);
  }

  private SearchExpr searchNot(Predicate<Token> stop, boolean tstats) {
    if (peek().isKeyword("NOT")) {
      take();
      return new SearchExpr.Not(searchNot(stop, tstats));
    }
    return searchPrimary(stop, tstats);
  }

  private SearchExpr searchPrimary(Predicate<Token> stop, boolean tstats) {
    Token token = peek();
    if (token.is(Kind.LPAREN)) {
      take();
      SearchExpr inner = searchExpression(t -> false, tstats);
      expect(Kind.RPAREN, "')'");
      return inner;
    }
    if (token.is(Kind.LBRACKET)) {
      return subsearch();
    }
    if (!token.is(Kind.WORD) || stop.test(token) || token.isKeyword("AND") || token.isKeyword("OR")) {
      throw error("expected a search term", token);
    }
    take();
    if (peek().is(Kind.OPERATOR)) {
      Token op = take();
      if (op.text().equals("==")) {
        throw error("use = in a search, not ==", op);
      }
      if (tstats && !op.text().equals("=") && !op.text().equals("!=")) {
        throw error("tstats where compares with = and != only, not " + op.text(), op);
      }
      Token value = expectWord("a value after " + op.text());
      return new SearchExpr.Compare(token.text(), SearchExpr.Operator.of(op.text()), value.text());
    }
    if (peek().isKeyword("IN") && peekAt(1).is(Kind.LPAREN)) {
      take();
      take();
      List<String> values = new ArrayList<>();
      while (!peek().is(Kind.RPAREN)) {
        if (peek().is(Kind.COMMA)) {
          take();
          continue;
        }
        values.add(expectWord("a value in the IN list").text());
      }
      take();
      if (values.isEmpty()) {
        throw error("IN needs at least one value", token);
      }
      return new SearchExpr.In(token.text(), values);
    }
    if (token.text().equals("*") && !token.quoted()) {
      return new SearchExpr.MatchAll();
    }
    if (tstats) {
      throw error("tstats where compares fields, it takes no free-text terms: write field=value", token);
    }
    return new SearchExpr.Term(token.text());
  }

  /** {@code [ … ]}: the pipeline between the brackets, parsed on its own; brackets may nest. */
  private SearchExpr subsearch() {
    Token open = take();
    int depth = 1;
    while (true) {
      Token token = peek();
      if (token.is(Kind.END)) {
        throw error("subsearch lacks its closing ']'", open);
      }
      take();
      if (token.is(Kind.LBRACKET)) {
        depth++;
      } else if (token.is(Kind.RBRACKET) && --depth == 0) {
        List<Token> saved = tokens;
        int savedNext = next;
        Pipeline pipeline = new SplParser(text).pipeline(open.end(), token.start(), true);
        tokens = saved;
        next = savedNext;
        return new SearchExpr.Subsearch(pipeline, open.start());
      }
    }
  }

  // ---- other commands -----------------------------------------------------------------------------------

  private Command.Inputlookup inputlookup() {
    while (peek().is(Kind.WORD) && peekAt(1).isOperator("=")) {
      Token option = take();
      throw error("unsupported inputlookup option '" + option.text() + "'", option);
    }
    Token table = expectWord("a lookup table name");
    if (peek().isWordIgnoreCase("where")) {
      throw error("inputlookup … where is not supported: filter with | search", peek());
    }
    return new Command.Inputlookup(table.text(), table.start());
  }

  private Command.Stats stats() {
    List<Aggregation> aggregations = aggregations("stats");
    return new Command.Stats(aggregations, byClause());
  }

  private Command.Eventstats eventstats() {
    List<Aggregation> aggregations = aggregations("eventstats");
    return new Command.Eventstats(aggregations, byClause());
  }

  private List<Aggregation> aggregations(String command) {
    List<Aggregation> aggregations = new ArrayList<>();
    while (!peek().is(Kind.END) && !peek().isWordIgnoreCase("by")) {
      aggregations.add(aggregation());
      if (peek().is(Kind.COMMA)) {
        take();
      }
    }
    if (aggregations.isEmpty()) {
      throw error(command + " needs at least one aggregation such as count", peek());
    }
    return aggregations;
  }

  private List<String> byClause() {
    if (!peek().isWordIgnoreCase("by")) {
      return List.of();
    }
    take();
    return fieldList();
  }

  // ---- regex, rex ----------------------------------------------------------------------------------------

  private Command.Regex regex() {
    Token field = expectWord("field=\"regular expression\"");
    if (!peek().isOperator("=") && !peek().isOperator("!=")) {
      throw error("regex without a field reads _raw, which result rows do not have: write regex field=\"…\"", field);
    }
    boolean negated = take().text().equals("!=");
    Token expression = expectWord("a regular expression");
    return new Command.Regex(field.text(), negated, compileRegex(expression));
  }

  private Command rex() {
    String field = null;
    int maxMatch = 1;
    boolean sed = false;
    while (peek().is(Kind.WORD) && !peek().quoted() && peekAt(1).isOperator("=")) {
      Token option = take();
      take();
      Token value = expectWord("a value for " + option.text());
      switch (option.text().toLowerCase(Locale.ROOT)) {
        case "field" -> field = value.text();
        case "max_match" -> maxMatch = nonNegative(value, "max_match");
        case "mode" -> {
          if (!value.text().equalsIgnoreCase("sed")) {
            throw error("rex mode is sed or nothing", value);
          }
          sed = true;
        }
        default -> throw error("unsupported rex option '" + option.text() + "'", option);
      }
    }
    Token expression = expectWord("a quoted regular expression");
    if (field == null) {
      throw error("rex without field= reads _raw, which result rows do not have: write rex field=f \"…\"", expression);
    }
    if (sed) {
      try {
        return new Command.RexSed(field, SedExpression.parse(expression.text()));
      } catch (java.util.regex.PatternSyntaxException e) {
        throw error("invalid regular expression: " + e.getDescription(), expression);
      } catch (IllegalArgumentException e) {
        throw error(e.getMessage(), expression);
      }
    }
    SplRegex regex = compileRegex(expression);
    if (regex.groupFields().isEmpty()) {
      throw error("rex extracts named groups: the expression has no (?<field>…)", expression);
    }
    return new Command.Rex(field, regex, maxMatch);
  }

  private SplRegex compileRegex(Token expression) {
    try {
      return SplRegex.compile(expression.text());
    } catch (java.util.regex.PatternSyntaxException e) {
      throw error("invalid regular expression: " + e.getDescription(), expression);
    }
  }

  private int nonNegative(Token value, String option) {
    if (value.quoted() || !value.text().matches("\\d{1,9}")) {
      throw error(option + " takes a whole number", value);
    }
    return Integer.parseInt(value.text());
  }

  // ---- join, fillnull, sort, head, bin, transaction ------------------------------------------------------

  private Command.Join join() {
    boolean keepUnmatched = false;
    int max = 1;
    while (peek().is(Kind.WORD) && !peek().quoted() && peekAt(1).isOperator("=")) {
      Token option = take();
      take();
      Token value = expectWord("a value for " + option.text());
      switch (option.text().toLowerCase(Locale.ROOT)) {
        case "type" -> {
          switch (value.text().toLowerCase(Locale.ROOT)) {
            case "inner" -> keepUnmatched = false;
            case "left", "outer" -> keepUnmatched = true;
            default -> throw error("join type is inner, left or outer", value);
          }
        }
        case "max" -> max = nonNegative(value, "max");
        default -> throw error("unsupported join option '" + option.text() + "'", option);
      }
    }
    List<String> fields = new ArrayList<>();
    while (peek().is(Kind.WORD) || peek().is(Kind.COMMA)) {
      Token token = take();
      if (token.is(Kind.WORD)) {
        fields.add(token.text());
      }
    }
    if (!peek().is(Kind.LBRACKET)) {
      throw error("join needs a subsearch [ … ] after its fields", peek());
    }
    SearchExpr.Subsearch subsearch = (SearchExpr.Subsearch) subsearch();
    return new Command.Join(keepUnmatched, max, fields, subsearch.pipeline());
  }

  private Command.Fillnull fillnull() {
    String value = "0";
    List<String> fields = new ArrayList<>();
    while (!peek().is(Kind.END)) {
      if (peek().is(Kind.COMMA)) {
        take();
        continue;
      }
      Token word = expectWord("a field name");
      if (peek().isOperator("=")) {
        if (!word.text().equalsIgnoreCase("value")) {
          throw error("unsupported fillnull option '" + word.text() + "'", word);
        }
        take();
        value = expectWord("a value to fill").text();
      } else {
        fields.add(word.text());
      }
    }
    return new Command.Fillnull(value, fields);
  }

  private Command.Sort sort() {
    // Splunk's sort keeps 10,000 rows unless told otherwise; 0 keeps all.
    int limit = 10_000;
    if (peek().is(Kind.WORD) && !peek().quoted() && peek().text().matches("\\d+")) {
      limit = nonNegative(take(), "sort's count");
    } else if (peek().isWordIgnoreCase("limit") && peekAt(1).isOperator("=")) {
      take();
      take();
      limit = nonNegative(expectWord("a number of rows"), "limit");
    }
    List<Command.SortKey> keys = new ArrayList<>();
    boolean descending = false;
    while (!peek().is(Kind.END)) {
      if (peek().is(Kind.COMMA)) {
        take();
        continue;
      }
      Token word = expectWord("a field to sort by");
      String name = word.text();
      if (!word.quoted() && (name.equals("-") || name.equals("+"))) {
        descending = name.equals("-");
        continue;
      }
      if (!word.quoted() && (name.startsWith("-") || name.startsWith("+"))) {
        descending = name.startsWith("-");
        name = name.substring(1);
      }
      if (!word.quoted() && (name.equalsIgnoreCase("desc") || name.equalsIgnoreCase("d")) && peek().is(Kind.END)
          && !keys.isEmpty()) {
        keys.replaceAll(k -> new Command.SortKey(k.field(), !k.descending(), k.order()));
        continue;
      }
      Command.SortOrder order = Command.SortOrder.AUTO;
      if (peek().is(Kind.LPAREN)) {
        order = switch (name.toLowerCase(Locale.ROOT)) {
          // num() differs from auto only for text, which both put after the numbers.
          case "auto", "num" -> Command.SortOrder.AUTO;
          case "str" -> Command.SortOrder.STR;
          default -> throw error("unsupported sort function '" + name + "': use auto, str or num", word);
        };
        take();
        name = expectWord("a field name").text();
        expect(Kind.RPAREN, "')'");
      } else if (peek().isOperator("=")) {
        throw error("unsupported sort option '" + name + "'", word);
      }
      keys.add(new Command.SortKey(name, descending, order));
      descending = false;
    }
    if (keys.isEmpty()) {
      throw error("sort needs a field to sort by", peek());
    }
    return new Command.Sort(limit, keys);
  }

  private Command.Head head() {
    int count = 10;
    if (peek().isWordIgnoreCase("limit") && peekAt(1).isOperator("=")) {
      take();
      take();
      count = nonNegative(expectWord("a number of rows"), "limit");
    } else if (peek().is(Kind.WORD) && !peek().quoted() && peek().text().matches("\\d+")) {
      count = nonNegative(take(), "head's count");
    } else if (!peek().is(Kind.END)) {
      throw error("head takes a number of rows; an expression or option is not supported", peek());
    }
    return new Command.Head(count);
  }

  private Command.Bin bin() {
    Duration span = null;
    String field = null;
    String as = null;
    while (!peek().is(Kind.END)) {
      Token word = expectWord("a field to bin");
      if (peek().isOperator("=")) {
        take();
        if (!word.text().equalsIgnoreCase("span")) {
          throw error("unsupported " + commandName.text() + " option '" + word.text() + "': use span=", word);
        }
        span = span(expectWord("a span such as 1h"));
      } else if (word.isWordIgnoreCase("as")) {
        as = expectWord("a name after 'as'").text();
      } else if (field == null) {
        field = word.text();
      } else {
        throw error(commandName.text() + " takes one field", word);
      }
    }
    if (field == null) {
      throw error(commandName.text() + " needs a field, as in " + commandName.text() + " _time span=1h", peek());
    }
    if (span == null) {
      throw error(commandName.text() + " needs span=…", commandName);
    }
    return new Command.Bin(field, span, as == null ? field : as);
  }

  private Command.Transaction transaction() {
    Optional<Duration> maxspan = Optional.empty();
    Optional<Duration> maxpause = Optional.empty();
    List<String> fields = new ArrayList<>();
    while (!peek().is(Kind.END)) {
      if (peek().is(Kind.COMMA)) {
        take();
        continue;
      }
      Token word = expectWord("a field or option");
      if (!peek().isOperator("=")) {
        fields.add(word.text());
        continue;
      }
      take();
      Token value = expectWord("a value for " + word.text());
      switch (word.text().toLowerCase(Locale.ROOT)) {
        case "maxspan" -> maxspan = Optional.of(span(value));
        case "maxpause" -> maxpause = Optional.of(span(value));
        // With one field every event of a transaction has the same value, so connected changes nothing.
        case "connected" -> bool(value);
        default -> throw error("unsupported transaction option '" + word.text() + "'", word);
      }
    }
    if (fields.size() != 1) {
      throw error("transaction groups by one field here; several fields (transitive grouping) are not supported",
          commandName);
    }
    return new Command.Transaction(fields, maxspan, maxpause);
  }

  private Command.Dedup dedup() {
    int count = 1;
    boolean keepEmpty = false;
    boolean consecutive = false;
    List<String> fields = new ArrayList<>();
    if (peek().is(Kind.WORD) && !peek().quoted() && peek().text().matches("\\d+")) {
      Token n = take();
      count = Integer.parseInt(n.text());
      if (count < 1) {
        throw error("dedup keeps at least 1 row per value", n);
      }
    }
    while (!peek().is(Kind.END)) {
      if (peek().is(Kind.COMMA)) {
        take();
        continue;
      }
      Token word = expectWord("a field name");
      if (peek().isOperator("=")) {
        take();
        Token value = expectWord("true or false");
        switch (word.text().toLowerCase(Locale.ROOT)) {
          case "keepempty" -> keepEmpty = bool(value);
          case "consecutive" -> consecutive = bool(value);
          default -> throw error("unsupported dedup option '" + word.text() + "'", word);
        }
      } else if (word.isWordIgnoreCase("sortby")) {
        throw error("dedup … sortby is not supported", word);
      } else {
        fields.add(word.text());
      }
    }
    if (fields.isEmpty()) {
      throw error("dedup needs at least one field", peek());
    }
    return new Command.Dedup(count, fields, keepEmpty, consecutive);
  }

  private Command.Lookup lookup() {
    while (peek().is(Kind.WORD) && peekAt(1).isOperator("=")) {
      Token option = take();
      take();
      Token value = expectWord("a value for " + option.text());
      String name = option.text().toLowerCase(Locale.ROOT);
      if (!name.equals("local") && !name.equals("update")) {
        throw error("unsupported lookup option '" + option.text() + "'", option);
      }
      bool(value); // local and update change nothing for CSV lookups read from disk
    }
    Token table = expectWord("a lookup table name");
    List<Command.FieldMapping> inputs = new ArrayList<>();
    while (!peek().is(Kind.END) && !isOutputKeyword(peek())) {
      inputs.add(fieldMapping());
    }
    if (inputs.isEmpty()) {
      throw error("lookup needs a field to match, as in lookup " + table.text() + " field", peek());
    }
    boolean outputNew = false;
    List<Command.FieldMapping> outputs = new ArrayList<>();
    if (isOutputKeyword(peek())) {
      Token keyword = take();
      outputNew = keyword.text().equalsIgnoreCase("outputnew");
      while (!peek().is(Kind.END)) {
        outputs.add(fieldMapping());
      }
      if (outputs.isEmpty()) {
        throw error(keyword.text() + " needs at least one field", peek());
      }
    }
    return new Command.Lookup(table.text(), inputs, outputNew, outputs, table.start());
  }

  private static boolean isOutputKeyword(Token token) {
    return token.isWordIgnoreCase("output") || token.isWordIgnoreCase("outputnew");
  }

  private Command.FieldMapping fieldMapping() {
    if (peek().is(Kind.COMMA)) {
      take();
    }
    Token column = expectWord("a field name");
    String field = column.text();
    if (peek().isWordIgnoreCase("as")) {
      take();
      field = expectWord("a field name after 'as'").text();
    }
    if (peek().is(Kind.COMMA)) {
      take();
    }
    return new Command.FieldMapping(column.text(), field);
  }

  private boolean bool(Token value) {
    String v = value.text().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("t") || v.equals("1")) {
      return true;
    }
    if (v.equals("false") || v.equals("f") || v.equals("0")) {
      return false;
    }
    throw error("expected true or false", value);
  }

  private Command.Rename rename() {
    List<Renaming> renamings = new ArrayList<>();
    while (!peek().is(Kind.END)) {
      if (peek().is(Kind.COMMA)) {
        take();
        continue;
      }
      Token from = expectWord("a field to rename");
      Token as = expectWord("'as'");
      if (!as.text().equalsIgnoreCase("as")) {
        throw error("expected 'as'", as);
      }
      Token to = expectWord("the new field name");
      if (countStars(from.text()) != countStars(to.text()) && countStars(to.text()) != 0) {
        throw error("wildcards in the new name must match those of the old one", to);
      }
      renamings.add(new Renaming(from.text(), to.text()));
    }
    if (renamings.isEmpty()) {
      throw error("rename needs 'field as newname'", peek());
    }
    return new Command.Rename(renamings);
  }

  private Command.Convert convert() {
    String timeformat = "%m/%d/%Y %H:%M:%S";
    List<Conversion> conversions = new ArrayList<>();
    while (!peek().is(Kind.END)) {
      Token word = expectWord("a conversion such as ctime(field)");
      if (word.text().equalsIgnoreCase("timeformat") && peek().isOperator("=")) {
        take();
        timeformat = expectWord("a time format").text();
        continue;
      }
      if (!word.text().equalsIgnoreCase("ctime")) {
        throw error("unsupported convert function '" + word.text() + "'", word);
      }
      expect(Kind.LPAREN, "'('");
      Token field = expectWord("a field name");
      expect(Kind.RPAREN, "')'");
      Optional<String> as = Optional.empty();
      if (peek().isWordIgnoreCase("as")) {
        take();
        as = Optional.of(expectWord("a name after 'as'").text());
      }
      conversions.add(new Conversion("ctime", field.text(), as));
    }
    if (conversions.isEmpty()) {
      throw error("convert needs a conversion such as ctime(field)", peek());
    }
    return new Command.Convert(timeformat, conversions);
  }

  private Command.Fields fields() {
    boolean remove = false;
    if (peek().is(Kind.WORD) && (peek().text().equals("-") || peek().text().equals("+"))) {
      remove = take().text().equals("-");
    }
    return new Command.Fields(remove, fieldList());
  }

  private List<String> fieldList() {
    List<String> fields = new ArrayList<>();
    while (!peek().is(Kind.END)) {
      if (peek().is(Kind.COMMA)) {
        take();
        continue;
      }
      fields.add(expectWord("a field name").text());
    }
    if (fields.isEmpty()) {
      throw error("expected at least one field name", peek());
    }
    return fields;
  }

  private Command.Eval eval() {
    List<Assignment> assignments = new ArrayList<>();
    while (!peek().is(Kind.END)) {
      Token field = take();
      if (!field.is(Kind.WORD) && !field.is(Kind.FIELD_QUOTED)) {
        throw error("expected a field name to assign", field);
      }
      expectOperator("=");
      assignments.add(new Assignment(field.text(), expression()));
      if (peek().is(Kind.COMMA)) {
        take();
      } else if (!peek().is(Kind.END)) {
        throw error("expected ',' or the end of eval", peek());
      }
    }
    if (assignments.isEmpty()) {
      throw error("eval needs 'field = expression'", peek());
    }
    return new Command.Eval(assignments);
  }

  // ---- eval expressions: OR < AND < NOT < comparison < + - . < * / % < unary ----------------------------
  // Unlike the search command, eval reads its operators in any case: ESCU's `where a > 10 or b > 10` runs in
  // Splunk, and in an expression a bare `or` cannot mean anything else.

  private Expr expressionToEnd() {
    Expr expr = expression();
    expect(Kind.END, "the end of the expression");
    return expr;
  }

  private Expr expression() {
    Expr left = conjunction();
    while (peek().isWordIgnoreCase("OR") || peek().isWordIgnoreCase("XOR")) {
      String op = take().text().toUpperCase(Locale.ROOT);
      left = new Expr.Binary(op, left, conjunction());
    }
    return left;
  }

  private Expr conjunction() {
    Expr left = negation();
    while (peek().isWordIgnoreCase("AND")) {
      take();
      left = new Expr.Binary("AND", left, negation());
    }
    return left;
  }

  private Expr negation() {
    if (peek().isWordIgnoreCase("NOT")) {
      take();
      return new Expr.Unary("NOT", negation());
    }
    return comparison();
  }

  private Expr comparison() {
    Expr left = additive();
    if (peek().is(Kind.OPERATOR) && "= == != < <= > >=".contains(peek().text())) {
      String op = take().text();
      return new Expr.Binary(op.equals("==") ? "=" : op, left, additive());
    }
    if (peek().isWordIgnoreCase("LIKE")) {
      Token like = take();
      return new Expr.Call("like", List.of(left, additive()), like.start());
    }
    return left;
  }

  private Expr additive() {
    Expr left = multiplicative();
    while (peek().isOperator("+") || peek().isOperator("-") || peek().isOperator(".")) {
      String op = take().text();
      left = new Expr.Binary(op, left, multiplicative());
    }
    return left;
  }

  private Expr multiplicative() {
    Expr left = unary();
    while (peek().isOperator("*") || peek().isOperator("/") || peek().isOperator("%")) {
      String op = take().text();
      left = new Expr.Binary(op, left, unary());
    }
    return left;
  }

  private Expr unary() {
    if (peek().isOperator("-")) {
      take();
      return new Expr.Unary("-", unary());
    }
    return primary();
  }

  private Expr primary() {
    Token token = take();
    switch (token.kind()) {
      case NUMBER:
        return new Expr.Literal(token.text(), true);
      case STRING:
        return new Expr.Literal(token.text(), false);
      case FIELD_QUOTED:
        return new Expr.Field(token.text());
      case LPAREN: {
        Expr inner = expression();
        expect(Kind.RPAREN, "')'");
        return inner;
      }
      case WORD:
        if (peek().is(Kind.LPAREN)) {
          take();
          List<Expr> arguments = new ArrayList<>();
          while (!peek().is(Kind.RPAREN)) {
            arguments.add(expression());
            if (peek().is(Kind.COMMA)) {
              take();
            } else if (!peek().is(Kind.RPAREN)) {
              throw error("expected ',' or ')' in the arguments of " + token.text(), peek());
            }
          }
          take();
          String function = token.text().toLowerCase(Locale.ROOT);
          Optional<String> problem = Functions.check(function, arguments);
          if (problem.isPresent()) {
            throw error(problem.get(), token);
          }
          return new Expr.Call(function, arguments, token.start());
        }
        if (token.text().equals("true") || token.text().equals("false")) {
          return new Expr.Call(token.text(), List.of(), token.start());
        }
        return new Expr.Field(token.text());
      default:
        throw error("expected a value, a field or a function call", token);
    }
  }

  // ---- token helpers ------------------------------------------------------------------------------------

  private Token peek() {
    return tokens.get(next);
  }

  private Token peekAt(int ahead) {
    return tokens.get(Math.min(next + ahead, tokens.size() - 1));
  }

  private Token take() {
    Token token = tokens.get(next);
    if (!token.is(Kind.END)) {
      next++;
    }
    return token;
  }

  private Token expect(Kind kind, String what) {
    if (!peek().is(kind)) {
      throw error("expected " + what, peek());
    }
    return take();
  }

  private Token expectWord(String what) {
    return expect(Kind.WORD, what);
  }

  private void expectOperator(String op) {
    if (!peek().isOperator(op)) {
      throw error("expected '" + op + "'", peek());
    }
    take();
  }

  private SplException error(String reason, Token at) {
    String found = at.is(Kind.END) ? "end of command" : "'" + text.substring(at.start(), at.end()) + "'";
    return new SplException(reason + " (found " + found + ")", text, at.start());
  }

  private static int countStars(String s) {
    return (int) s.chars().filter(c -> c == '*').count();
  }
}
