package dev.vigil.generate;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Events planted for one shipped rule, crafted by hand from its search to match it and no other rule, with the
 * number of result rows the rule gives over them.
 *
 * @param linux whether the events come from a Linux host (user root), else from a fleet host and user
 */
record Incident(String rule, int expectedRows, boolean linux, List<Start> starts, String note) {

  /** One planted process start; {@code {i}} in a command line becomes the event's number within the incident. */
  record Start(String image, String commandLine, String parentImage, String parentCommandLine,
               String originalFileName) {
    Start(String image, String commandLine, String parentImage, String parentCommandLine) {
      this(image, commandLine, parentImage, parentCommandLine, null);
    }

    String originalFileNameOrImage() {
      return originalFileName != null ? originalFileName : image.substring(Math.max(image.lastIndexOf('\\'), image.lastIndexOf('/')) + 1);
    }
  }

  /** The command line of the incident's event {@code number}. */
  String commandLine(int number) {
    return starts.get(number).commandLine().replace("{i}", Integer.toString(number));
  }

  List<String> commandLines() {
    return IntStream.range(0, starts.size()).mapToObj(this::commandLine).toList();
  }

  int events() {
    return starts.size();
  }
}
