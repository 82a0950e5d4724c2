package dev.vigil.cli;

import static dev.vigil.cli.Cli.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vigil.TestHomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rules list --enabled/--disabled/--type/--story} and bulk {@code rules enable --story} (issue 11), checked
 * against the shipped detection files read directly.
 */
class RuleSelectionTest {
  private static final String STORY = "Living Off The Land";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir
  Path temp;

  private Path home;

  @BeforeEach
  void copyHome() {
    home = TestHomes.copyShipped(temp.resolve("home"));
  }

  @Test
  void typeAndStoryNarrowTheListAsTheDetectionFilesSay() throws Exception {
    Set<String> ofStory = shipped(d -> stories(d).contains(STORY));
    Set<String> ttpOfStory = shipped(d -> stories(d).contains(STORY) && d.path("type").asText().equals("TTP"));
    assertTrue(ofStory.size() > ttpOfStory.size() && !ttpOfStory.isEmpty(), "the content makes the test tell");

    assertEquals(ofStory, listed("rules", "list", "--story", STORY.toLowerCase()));
    assertEquals(ttpOfStory, listed("rules", "list", "--story", STORY, "--type", "ttp"));
    assertEquals(shipped(d -> d.path("type").asText().equals("Hunting")), listed("rules", "list", "--type", "Hunting"));
  }

  @Test
  void anUnknownStoryOrTypeIsAUsageErrorWithAGuess() {
    Cli.Outcome story = vigil("rules", "list", "--story", "Living of the Land", "--home", home.toString());
    assertEquals(2, story.exit());
    assertEquals("vigil: no rule belongs to the analytic story 'Living of the Land' (did you mean '" + STORY
        + "'?)\n", story.err());
    Cli.Outcome type = vigil("rules", "list", "--type", "Baseline", "--home", home.toString());
    assertEquals(2, type.exit());
    assertEquals("vigil: no rule has the type 'Baseline': the catalog's types are Anomaly, Correlation, Hunting,"
        + " TTP\n", type.err());
  }

  @Test
  void bulkEnableByStoryEnablesEachRuleOnceAndAuditsEach() throws Exception {
    Set<String> ttpOfStory = shipped(d -> stories(d).contains(STORY) && d.path("type").asText().equals("TTP"));
    assertEquals(Set.of(), listed("rules", "list", "--enabled"), "rules ship disabled");

    Cli.Outcome enable = vigil("rules", "enable", "--story", STORY, "--type", "TTP", "--home", home.toString());
    assertEquals(0, enable.exit(), enable.err());
    assertTrue(enable.err().endsWith("enabled " + ttpOfStory.size() + " of " + ttpOfStory.size()
        + " rules of type TTP in the story '" + STORY + "'\n"), enable.err());
    assertEquals(ttpOfStory, listed("rules", "list", "--enabled"));
    Set<String> disabled = listed("rules", "list", "--disabled");
    assertEquals(shipped(d -> true).size(), disabled.size() + ttpOfStory.size());
    assertTrue(disabled.stream().noneMatch(ttpOfStory::contains));
    assertEquals(ttpOfStory.size(), Files.readAllLines(home.resolve("config/local/audit.log")).size());

    Cli.Outcome again = vigil("rules", "enable", "--story", STORY, "--type", "TTP", "--home", home.toString());
    assertTrue(again.err().endsWith("enabled 0 of " + ttpOfStory.size() + " rules of type TTP in the story '" + STORY
        + "'\n"), again.err());
    assertEquals(ttpOfStory.size(), Files.readAllLines(home.resolve("config/local/audit.log")).size(),
        "nothing changed, nothing audited");

    Cli.Outcome disable = vigil("rules", "disable", "--story", STORY, "--home", home.toString());
    assertEquals(0, disable.exit(), disable.err());
    assertEquals(Set.of(), listed("rules", "list", "--enabled"));
    assertTrue(vigil("rules", "list", "--enabled", "--home", home.toString()).err().contains("no rule is enabled"));
  }

  @Test
  void enableWantsNamesOrASelectionButNotBoth() throws Exception {
    Cli.Outcome neither = vigil("rules", "enable", "--home", home.toString());
    assertEquals(2, neither.exit());
    Cli.Outcome both = vigil("rules", "enable", "fsutil_zeroing_file", "--story", STORY, "--home", home.toString());
    assertEquals(2, both.exit());
    assertEquals("vigil: give the rules by name, or select them with --story and --type; not both\n", both.err());
    Cli.Outcome two = vigil("rules", "enable", "fsutil_zeroing_file", "linux_java_spawning_shell", "--home",
        home.toString());
    assertEquals(0, two.exit(), two.err());
    assertEquals(Set.of("fsutil_zeroing_file", "linux_java_spawning_shell"), listed("rules", "list", "--enabled"));
    Cli.Outcome flags = vigil("rules", "list", "--enabled", "--disabled", "--home", home.toString());
    assertEquals(2, flags.exit());
    assertEquals("vigil: give --enabled or --disabled, not both\n", flags.err());
    Cli.Outcome none = vigil("rules", "enable", "--story", STORY, "--type", "Correlation", "--home", home.toString());
    assertEquals(2, none.exit());
    assertEquals("vigil: no rule of type Correlation in the story '" + STORY + "'\n", none.err());
    assertFalse(Files.readAllLines(home.resolve("config/local/audit.log")).isEmpty());
  }

  private Set<String> listed(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--home", home.toString()));
    Cli.Outcome list = vigil(all.toArray(String[]::new));
    assertEquals(0, list.exit(), list.err());
    Set<String> rules = new TreeSet<>();
    list.rows().forEach(row -> rules.add(row.get("rule").asText()));
    return rules;
  }

  private Set<String> shipped(Predicate<JsonNode> which) throws Exception {
    Set<String> stems = new TreeSet<>();
    try (Stream<Path> files = Files.list(home.resolve("schedules/detections"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
        if (which.test(YAML.readTree(file.toFile()))) {
          stems.add(file.getFileName().toString().replace(".yml", ""));
        }
      }
    }
    return stems;
  }

  private static List<String> stories(JsonNode detection) {
    List<String> stories = new ArrayList<>();
    detection.path("tags").path("analytic_story").forEach(s -> stories.add(s.asText()));
    return stories;
  }
}
