package dev.vigil.cli;

import static dev.vigil.cli.Cli.vigil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.TestHomes;
import dev.vigil.Warnings;
import dev.vigil.notable.NotableStore;
import dev.vigil.schedule.Home;
import dev.vigil.schedule.RuleAdministration;
import dev.vigil.schedule.RuleCatalog;
import dev.vigil.schedule.RunRecord;
import dev.vigil.schedule.RunRecord.State;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.htmlunit.HtmlUnitDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * {@code vigil report} on a real index, read in a real browser: headless Chromium through chromedriver (Debian's
 * chromium and chromium-driver), HtmlUnit where they are not installed. The attack capture is ingested, two rules
 * are enabled and disabled through the audit log, and the ledger gets every state of a scheduled time.
 * With {@code -Dvigil.screenshot=docs/report.png} the index's screenshot is saved for the README.
 */
@Timeout(180)
class ReportTest {
  private static final Path ATTACK = Path.of("../shared/content/datasets/certutil_exe_certificate_extraction.raw");
  private static final String CERTUTIL = "certutil_exe_certificate_extraction";
  private static final String THRESHOLD = "vigil_risk_threshold_exceeded_for_object";
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final String ERROR = "index <unavailable> & \"down\"";

  @TempDir
  Path temp;
  private Path home;
  private Path index;
  private WebDriver browser;
  private boolean chromium;

  private static Instant at(String time) {
    return Instant.parse(time);
  }

  @BeforeEach
  void installation() throws Exception {
    home = TestHomes.copyShipped(temp.resolve("home"));
    index = temp.resolve("index");
    Cli.Outcome ingest = vigil("ingest", "--home", home.toString(), "--index", index.toString(), ATTACK.toString());
    assertEquals(0, ingest.exit(), ingest.err());
    // SEMANTICS §2.11: each change is the administrator's, recorded in the audit log at its time.
    change(CERTUTIL, true, "2021-01-07T09:30:00Z");
    change(THRESHOLD, true, "2021-01-07T16:30:00Z");
    change(CERTUTIL, false, "2021-01-07T18:30:00Z");
    change(THRESHOLD, false, "2021-01-07T18:30:00Z");
    change(CERTUTIL, true, "2021-01-07T20:15:00Z");

    Installation installation = new Installation();
    installation.home = home;
    installation.index = index;
    RuleCatalog catalog = installation.catalog();
    try (Engine engine = Engine.open(installation)) {
      var certutil = catalog.find(CERTUTIL).orElseThrow();
      for (String hour : List.of("2021-01-07T10", "2021-01-07T11", "2021-01-07T16", "2021-01-07T17",
          "2021-01-07T18", "2021-01-07T21")) {
        assertEquals(State.OK, engine.runner.runScheduled(certutil, at(hour + ":00:00Z"), State.OK).state());
      }
      engine.runner.ledger().append(record(CERTUTIL, "2021-01-07T12:00:00Z", State.FAILED, ERROR));
      engine.runner.ledger().append(record(CERTUTIL, "2021-01-07T13:00:00Z", State.SKIPPED, null));
      // 14:00 has no record at all: a gap.
      engine.runner.runScheduled(certutil, at("2021-01-07T15:00:00Z"), State.CAUGHT_UP);
      var threshold = catalog.find(THRESHOLD).orElseThrow();
      for (String hour : List.of("2021-01-07T17", "2021-01-07T18")) {
        assertEquals(State.OK, engine.runner.runScheduled(threshold, at(hour + ":00:00Z"), State.OK).state());
      }
    }
  }

  private void change(String rule, boolean enable, String time) throws Exception {
    Home installation = new Home(home);
    new RuleAdministration(installation, Clock.fixed(at(time), ZoneOffset.UTC), "alice")
        .setEnabled(RuleCatalog.load(installation).find(rule).orElseThrow(), enable, Optional.empty());
  }

  private static RunRecord record(String rule, String scheduled, State state, String error) {
    Instant t = at(scheduled);
    return new RunRecord(rule, t, t.minus(Duration.ofMinutes(70)), t.minus(Duration.ofMinutes(10)), state, 0, 0, 5,
        error, t.plusSeconds(2));
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  // Selenium's note that it has no DevTools support for this Chromium's version: the test uses none.
  private static final java.util.logging.Logger DEVTOOLS = java.util.logging.Logger.getLogger(
      "org.openqa.selenium.devtools");

  private WebDriver browser() throws Exception {
    DEVTOOLS.setLevel(Level.OFF);
    chromium = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!chromium) {
      System.err.println("ReportTest: no " + CHROMIUM + " or " + CHROMEDRIVER + " (Debian: apt-get install chromium"
          + " chromium-driver); reading the report with HtmlUnit instead");
      return new HtmlUnitDriver(false);
    }
    // Selenium Manager must not look for a driver to download: the closed network refuses it.
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--hide-scrollbars", "--user-data-dir=" + Files.createDirectories(temp.resolve("chromium-profile")));
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logging);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1280, 900));
    return driver;
  }

  private List<String> severeConsoleEntries() {
    return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::toString).toList();
  }

  private static Map<String, Long> segmentsByState(List<WebElement> segments) {
    return segments.stream().collect(Collectors.groupingBy(s -> s.getAttribute("data-state"), Collectors.counting()));
  }

  @Test
  void theReportShowsCoverageRiskNotablesAndChangesInABrowser() throws Exception {
    Path out = temp.resolve("report");
    Cli.Outcome report = vigil("report", "--home", home.toString(), "--index", index.toString(), "--out",
        out.toString(), "--since", "2021-01-07T10:00:00Z", "--until", "2021-01-07T22:00:00Z");
    assertEquals(0, report.exit(), report.err());
    long notables = notablesInPeriod().size();
    assertTrue(notables > 0, "the certutil and threshold runs raised notables");
    assertEquals("report: 2 rules, 24 windows, " + notables + " notables → " + out.resolve("index.html"),
        report.err().strip().lines().reduce((a, b) -> b).orElseThrow(), report.err());

    browser = browser();
    browser.get(out.resolve("index.html").toUri().toString());
    assertEquals("Vigil report", browser.getTitle());
    saveScreenshot();
    List<String> rules = browser.findElements(By.cssSelector("tr.rule")).stream()
        .map(r -> r.getAttribute("data-rule")).toList();
    assertEquals(List.of(CERTUTIL, THRESHOLD), rules, "catalog order: only the rules enabled in the period");
    assertEquals(List.of("Certutil exe certificate extraction", "Vigil Risk Threshold Exceeded For Object"),
        browser.findElements(By.cssSelector("tr.rule td:first-child a")).stream().map(WebElement::getText).toList());
    assertEquals(Map.of("ok", 3L, "failed", 1L, "skipped", 1L, "gap", 1L, "caught-up", 1L, "disabled", 1L),
        segmentsByState(browser.findElements(By.cssSelector("tr.rule[data-rule='" + CERTUTIL + "'] rect.seg"))));
    assertEquals(Map.of("disabled", 2L, "ok", 1L),
        segmentsByState(browser.findElements(By.cssSelector("tr.rule[data-rule='" + THRESHOLD + "'] rect.seg"))));
    assertEquals(String.valueOf(notables), browser.findElement(By.cssSelector("#tile-notables b")).getText());

    // The certutil runs at 16:00 and 17:00 wrote one risk event per row and object; the chart has a series per object and a
    // point per hour of the period.
    java.util.Set<String> riskObjects = new java.util.TreeSet<>();
    for (String line : Files.readAllLines(index.resolve("risk/risk-events.ndjson"))) {
      riskObjects.add(new ObjectMapper().readTree(line).get("risk_object").asText());
    }
    List<WebElement> series = browser.findElements(By.cssSelector("svg.risk g.series"));
    assertEquals(riskObjects, series.stream().map(s -> s.getAttribute("data-object"))
        .collect(Collectors.toCollection(java.util.TreeSet::new)));
    for (WebElement s : series) {
      assertEquals(12, s.findElements(By.cssSelector("circle.point")).size(), s.getAttribute("data-object"));
    }
    // The top ten, most urgent first: certutil's TTP notables rank above the threshold's (medium on an unknown object).
    List<WebElement> top = browser.findElements(By.cssSelector("tr.notable"));
    assertEquals(10, top.size());
    assertEquals(List.of("Certutil exe certificate extraction"), top.stream()
        .map(row -> row.findElement(By.cssSelector("td.title")).getText()).distinct().toList());
    assertTrue(titles(notablesInPeriod()).contains("Vigil Risk Threshold Exceeded For Object"));
    assertEquals(4, browser.findElements(By.cssSelector("#changes tr.change")).size(),
        "the changes in the period: the first enable was before it");

    browser.findElement(By.linkText("Certutil exe certificate extraction")).click();
    assertEquals("Certutil exe certificate extraction — Vigil report", browser.getTitle());
    assertEquals(Map.of("ok", 3L, "failed", 1L, "skipped", 1L, "gap", 1L, "caught-up", 1L, "disabled", 1L),
        segmentsByState(browser.findElements(By.cssSelector("#coverage rect.seg"))));
    assertEquals(List.of("failed", "skipped", "gap"), browser.findElements(By.cssSelector("#attention tr.slot .state"))
        .stream().map(WebElement::getText).toList());
    assertEquals(ERROR, browser.findElement(By.cssSelector("#attention tr.slot td:last-child")).getText(),
        "data is escaped: shown as text, never taken as markup");
    assertTrue(browser.findElement(By.id("schedule")).getText().contains("12 windows cover"),
        browser.findElement(By.id("schedule")).getText());
    assertEquals(1, browser.findElements(By.cssSelector("#coverage rect.disabled-period")).size());
    if (chromium) {
      assertEquals(List.of(), severeConsoleEntries());
    }
    browser.findElement(By.linkText("← all rules")).click();
    assertEquals("Vigil report", browser.getTitle());
    if (chromium) {
      assertEquals(List.of(), severeConsoleEntries());
    }
  }

  private List<Map<String, Object>> notablesInPeriod() throws Exception {
    return NotableStore.open(index, Warnings.UNEXPECTED).all().stream()
        .filter(n -> ((Number) n.get("_time")).longValue() < at("2021-01-07T22:00:00Z").getEpochSecond()).toList();
  }

  private static java.util.Set<Object> titles(List<Map<String, Object>> notables) {
    return notables.stream().map(n -> n.get("rule_title")).collect(Collectors.toSet());
  }

  private void saveScreenshot() throws Exception {
    String target = System.getProperty("vigil.screenshot");
    if (target == null) {
      return;
    }
    if (!(browser instanceof TakesScreenshot camera) || !chromium) {
      throw new AssertionError("-Dvigil.screenshot needs Chromium: HtmlUnit renders no pixels");
    }
    Files.write(Path.of(target), camera.getScreenshotAs(OutputType.BYTES));
    System.err.println("ReportTest: screenshot of the index saved to " + target);
  }

  @Test
  void aMissingIndexIsAnErrorAndWritesNothing() {
    Path out = temp.resolve("nothing");
    Cli.Outcome report = vigil("report", "--home", home.toString(), "--index", temp.resolve("none").toString(),
        "--out", out.toString());
    assertEquals(2, report.exit(), report.err());
    assertTrue(report.err().startsWith("vigil: "), report.err());
    assertTrue(report.err().contains(temp.resolve("none").toString()), report.err());
    assertFalse(Files.exists(out.resolve("index.html")));
  }

  @Test
  void aPeriodThatEndsBeforeItStartsIsAUsageError() {
    Cli.Outcome report = vigil("report", "--home", home.toString(), "--index", index.toString(), "--out",
        temp.resolve("r").toString(), "--since", "2021-01-15T06:00:00Z", "--until", "2021-01-15T06:00:00Z");
    assertEquals(2, report.exit());
    assertEquals("vigil: --until (2021-01-15T06:00:00Z) must be after --since (2021-01-15T06:00:00Z)\n", report.err());
    assertEquals(2, vigil("report", "--home", home.toString(), "--index", index.toString()).exit(), "--out is required");
  }

  @Test // no silent success: a rule with runs that the catalog no longer holds is said to be left out
  void aRuleThatRanButIsGoneFromTheCatalogIsNamedOnStderr() throws Exception {
    Installation installation = new Installation();
    installation.home = home;
    installation.index = index;
    try (Engine engine = Engine.open(installation)) {
      engine.runner.ledger().append(record("retired_rule", "2021-01-07T12:00:00Z", State.OK, null));
    }
    Cli.Outcome report = vigil("report", "--home", home.toString(), "--index", index.toString(), "--out",
        temp.resolve("r").toString(), "--since", "2021-01-07T10:00:00Z", "--until", "2021-01-07T22:00:00Z");
    assertEquals(0, report.exit(), report.err());
    assertTrue(report.err().startsWith("warning: retired_rule ran in the period but is no rule of the catalog now"),
        report.err());
  }
}
