package dev.vigil.query;

import dev.vigil.spl.SearchExpr;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A free-text search term as Splunk matches it against its index of {@code _raw}'s tokens: the term's text
 * bounded by breakers (anything but a letter or digit) on both sides, in any case, each {@code *} standing for
 * characters up to the next space. So {@code certutil} finds {@code C:\Windows\certutil.exe -decode}, and
 * {@code ertuti} does not.
 */
final class FreeText {
  private FreeText() {}

  static Predicate<String> matcher(String term) {
    StringBuilder regex = new StringBuilder();
    if (!term.startsWith("*")) {
      regex.append("(?<![\\p{L}\\p{N}])");
    }
    int from = 0;
    for (int star = term.indexOf('*'); star >= 0; star = term.indexOf('*', from)) {
      regex.append(Pattern.quote(term.substring(from, star))).append("\\S*");
      from = star + 1;
    }
    regex.append(Pattern.quote(term.substring(from)));
    if (!term.endsWith("*")) {
      regex.append("(?![\\p{L}\\p{N}])");
    }
    Pattern pattern = Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    return text -> pattern.matcher(text).find();
  }

  /** A term over a row: its {@code _raw} when it has one (an event), else any value of any field (a result). */
  static Predicate<Row> rows(SearchExpr.Term term) {
    Predicate<String> matches = matcher(term.text());
    return row -> {
      if (row.has("_raw")) {
        return matches.test(row.first("_raw"));
      }
      for (String field : row.fieldNames()) {
        for (String value : row.values(field)) {
          if (matches.test(value)) {
            return true;
          }
        }
      }
      return false;
    };
  }
}
