package dev.vigil.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --backend lucene|opensearch} and {@code --url}, for the commands that make a store of their own. */
final class BackendOptions {
  @Option(names = "--backend", paramLabel = "STORE", description = "lucene (the default) or opensearch.")
  String backend = "lucene";

  @Option(names = "--url", paramLabel = "URL", description = "An OpenSearch node's URL, for --backend opensearch;"
      + " repeat it for several.")
  List<String> urls = new ArrayList<>();

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  /** The cluster's URLs for {@code --backend opensearch}, empty for lucene; a usage error when they disagree. */
  Optional<List<String>> openSearchUrls() {
    switch (backend) {
      case "lucene" -> {
        if (!urls.isEmpty()) {
          throw new ParameterException(spec.commandLine(), "--url is for --backend opensearch");
        }
        return Optional.empty();
      }
      case "opensearch" -> {
        if (urls.isEmpty()) {
          throw new ParameterException(spec.commandLine(), "--backend opensearch needs --url URL");
        }
        return Optional.of(List.copyOf(urls));
      }
      default -> throw new ParameterException(spec.commandLine(),
          "--backend must be lucene or opensearch, not '" + backend + "'");
    }
  }
}
