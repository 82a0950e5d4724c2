package dev.vigil.plan;

import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.ByteRunAutomaton;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;

/**
 * A deterministic automaton ready to run over a String or directly over UTF-8 bytes from doc values, so that
 * checking a value allocates nothing.
 */
record PatternAutomaton(Automaton automaton, ByteRunAutomaton bytes, CharacterRunAutomaton chars) {
  /**
   * @param deterministic a determinized automaton
   * @throws org.apache.lucene.util.automaton.TooComplexToDeterminizeException when its UTF-8 form exceeds
   *     {@code workLimit}
   */
  static PatternAutomaton of(Automaton deterministic, int workLimit) {
    return new PatternAutomaton(deterministic, new ByteRunAutomaton(deterministic, false, workLimit),
        new CharacterRunAutomaton(deterministic, workLimit));
  }

  boolean matches(String value) {
    return chars.run(value);
  }

  boolean matches(BytesRef utf8) {
    return bytes.run(utf8.bytes, utf8.offset, utf8.length);
  }
}
