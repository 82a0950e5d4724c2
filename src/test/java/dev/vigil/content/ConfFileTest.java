package dev.vigil.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfFileTest {
  private static ConfStanza only(String text, String name) {
    return Conf.layered(List.of(ConfFile.parse(text, "app/default/x.conf"))).stanza(name).orElseThrow();
  }

  @Test
  void keyValueWithWhitespaceAroundIsTrimmedAndHashInsideAValueIsText() {
    ConfStanza s = only("# a comment\n[a]\n  key   =  some value # not a comment \n\n   # indented comment\nother=x=y\n", "a");
    assertEquals("some value # not a comment", s.text("key").orElseThrow());
    assertEquals("x=y", s.text("other").orElseThrow());
    assertEquals(2, s.settings().size());
    assertEquals(3, s.value("key").orElseThrow().line());
    assertEquals("app/default/x.conf:6", s.value("other").orElseThrow().location());
  }

  @Test
  void trailingBackslashContinuesTheValueKeepingTheLineBreak() {
    ConfStanza s = only("[a]\nsearch = | tstats count\\\n| where count > 1\\\n  | table x\nnext = 1\r\n", "a");
    assertEquals("| tstats count\n| where count > 1\n  | table x", s.text("search").orElseThrow());
    assertEquals("1", s.text("next").orElseThrow());
    assertEquals(5, s.value("next").orElseThrow().line());
    assertEquals(2, s.value("search").orElseThrow().line());
  }

  @Test
  void backslashNotAtTheEndIsText() {
    ConfStanza s = only("[a]\npath = C:\\Windows\\ \nb = 2\n", "a");
    assertEquals("C:\\Windows\\", s.text("path").orElseThrow(), "trailing space after the backslash: no continuation");
    assertEquals("2", s.text("b").orElseThrow());
  }

  @Test
  void defaultStanzaAndKeysBeforeAnyStanzaApplyWhereAStanzaLacksThem() {
    Conf conf = Conf.layered(List.of(ConfFile.parse(
        "enableSched = 1\n[default]\ndisabled = true\n[a]\ndisabled = false\n[b]\n", "x.conf")));
    ConfStanza a = conf.stanza("a").orElseThrow();
    ConfStanza b = conf.stanza("b").orElseThrow();
    assertEquals("false", a.text("disabled").orElseThrow());
    assertEquals("1", a.text("enableSched").orElseThrow());
    assertEquals("true", b.text("disabled").orElseThrow());
    assertEquals(List.of("a", "b"), conf.stanzas().stream().map(ConfStanza::name).toList());
    assertFalse(conf.stanza("default").isPresent());
  }

  @Test
  void localBeatsDefaultKeyByKeyAndRemembersWhereEachValueCameFrom() {
    ConfFile defaults = ConfFile.parse("[s]\ncron_schedule = 0 * * * *\ndisabled = true\n[only_default]\nk = v\n", "default/s.conf");
    ConfFile local = ConfFile.parse("[default]\nowner = admin\n[s]\ndisabled = false\n", "local/s.conf");
    Conf conf = Conf.layered(List.of(defaults, local));
    ConfStanza s = conf.stanza("s").orElseThrow();
    assertEquals("0 * * * *", s.text("cron_schedule").orElseThrow());
    assertEquals("default/s.conf:2", s.value("cron_schedule").orElseThrow().location());
    assertEquals("false", s.text("disabled").orElseThrow());
    assertEquals("local/s.conf:4", s.value("disabled").orElseThrow().location());
    assertEquals("admin", s.text("owner").orElseThrow(), "a local [default] reaches default/ stanzas too");
    assertEquals("admin", conf.stanza("only_default").orElseThrow().text("owner").orElseThrow());
  }

  @Test
  void aStanzaWrittenTwiceMergesAndTheLaterValueWins() {
    ConfStanza s = only("[a]\nk = 1\nj = 1\n[b]\n[a]\nk = 2\n", "a");
    assertEquals("2", s.text("k").orElseThrow());
    assertEquals("1", s.text("j").orElseThrow());
    assertEquals(1, s.line());
  }

  @Test
  void stanzaNamesMayHoldBrackets() {
    assertEquals("v", only("[ESCU - A [x] - Rule]\nk = v\n", "ESCU - A [x] - Rule").text("k").orElseThrow());
  }

  @Test
  void aLineThatIsNotASettingIsAnErrorWithFileLineAndCaret() {
    ConfSyntaxException e = assertThrows(ConfSyntaxException.class,
        () -> ConfFile.parse("[a]\nk = v\n  just words\n", "app/local/macros.conf"));
    String nl = System.lineSeparator();
    assertEquals("app/local/macros.conf:3: column 3: expected 'key = value', a [stanza] header or a # comment" + nl
        + "    just words" + nl + "    ^", e.getMessage());
  }

  @Test
  void anUnclosedHeaderAndAMissingKeyAreErrors() {
    String nl = System.lineSeparator();
    assertEquals("x.conf:2: column 5: a stanza header needs a closing ']'" + nl + "  [abc" + nl + "      ^",
        assertThrows(ConfSyntaxException.class, () -> ConfFile.parse("\n[abc\n", "x.conf")).getMessage());
    assertEquals("x.conf:1: column 2: a setting needs a key before '='" + nl + "   = v" + nl + "   ^",
        assertThrows(ConfSyntaxException.class, () -> ConfFile.parse(" = v\n", "x.conf")).getMessage());
  }

  @Test
  void writerOutputReadsBackToTheSameValues() {
    String search = "| tstats count from datamodel=Endpoint.Processes\n| where count > 0\n\n| table \"C:\\\\x\"";
    byte[] text = new ConfWriter().comment("c").stanza("ESCU - R - Rule").set("search", search)
        .set("description", "  padded  ").bytes();
    ConfStanza s = only(new String(text, java.nio.charset.StandardCharsets.UTF_8), "ESCU - R - Rule");
    assertEquals(search, s.text("search").orElseThrow());
    assertEquals("padded", s.text("description").orElseThrow());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ConfWriter().stanza("a").set("search", "x \\\ny"));
    assertEquals("search: a line of the value ends with a backslash, which a .conf file reads as a line"
        + " continuation: x \\", e.getMessage());
  }
}
