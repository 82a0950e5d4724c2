package dev.vigil.ingest.evtx;

import dev.vigil.ingest.evtx.BinXmlNode.SubstitutionValue;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The text of a substitution value, as Windows renders it in event XML (MS-EVEN6 "Emitting Instruction for the
 * Substitution Rule", with the forms Event Viewer shows where that text is vague): decimal integers, upper-case
 * hexadecimal binary, {@code {GUID}} in upper case, {@code 0x}-prefixed lower-case hexadecimal for HexInt and
 * size_t, times as {@code 2025-10-25T16:56:16.0197940Z}. Binary XML values are not text; the renderer decodes them.
 */
final class BinXmlValues {
  private static final long FILETIME_TICKS_PER_SECOND = 10_000_000L;
  private static final long FILETIME_EPOCH_TO_UNIX_SECONDS = 11_644_473_600L;
  private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();
  private static final Charset ANSI = ansi();

  private BinXmlValues() {}

  /** The reason names the type's rule (e.g. "a GUID is 16 bytes"); the caller adds which value it was. */
  static String text(ChunkBytes chunk, SubstitutionValue v) throws EvtxFormatException {
    int o = v.offset(), n = v.length();
    return switch (v.type()) {
      case 0x00 -> "";
      case 0x01 -> utf16(chunk, o, n);
      case 0x02 -> stripNuls(chunk.text(o, n, ANSI));
      case 0x03 -> Byte.toString((byte) fixed(chunk, v, 1, "an int8"));
      case 0x04 -> Long.toString(fixed(chunk, v, 1, "a uint8"));
      case 0x05 -> Short.toString((short) fixed(chunk, v, 2, "an int16"));
      case 0x06 -> Long.toString(fixed(chunk, v, 2, "a uint16"));
      case 0x07 -> Integer.toString((int) fixed(chunk, v, 4, "an int32"));
      case 0x08 -> Long.toString(fixed(chunk, v, 4, "a uint32"));
      case 0x09 -> Long.toString(fixed(chunk, v, 8, "an int64"));
      case 0x0a -> Long.toUnsignedString(fixed(chunk, v, 8, "a uint64"));
      case 0x0b -> real(Float.intBitsToFloat((int) fixed(chunk, v, 4, "a real32")), true);
      case 0x0c -> real(Double.longBitsToDouble(fixed(chunk, v, 8, "a real64")), false);
      case 0x0d -> fixed(chunk, v, 4, "a bool") != 0 ? "true" : "false";
      case 0x0e -> UPPER_HEX.formatHex(chunk.copy(o, n));
      case 0x0f -> guid(chunk, v);
      case 0x10 -> "0x" + Long.toHexString(fixed(chunk, v, n == 4 ? 4 : 8, "a size_t (4 or 8 bytes)"));
      case 0x11 -> fileTime(fixed(chunk, v, 8, "a FILETIME"));
      case 0x12 -> systemTime(chunk, v);
      case 0x13 -> sid(chunk, v);
      case 0x14 -> "0x" + Long.toHexString(fixed(chunk, v, 4, "a HexInt32"));
      case 0x15 -> "0x" + Long.toHexString(fixed(chunk, v, 8, "a HexInt64"));
      case 0x20 -> Long.toUnsignedString(fixed(chunk, v, n == 4 ? 4 : 8, "an EvtHandle (4 or 8 bytes)"));
      default -> throw new EvtxFormatException(String.format("type 0x%02x is not a value type this reader renders",
          v.type()));
    };
  }

  /**
   * The items of an array value (type flag 0x80), each a value of the item type. Strings are NUL-terminated
   * (a last one may lack its NUL); SIDs carry their own length; size_t and EvtHandle items are taken as 64-bit
   * when the length allows, else 32-bit, since the value does not say which.
   */
  static List<SubstitutionValue> items(ChunkBytes chunk, SubstitutionValue array) throws EvtxFormatException {
    int type = array.type() & ~SubstitutionValue.ARRAY;
    int o = array.offset(), end = array.offset() + array.length();
    List<SubstitutionValue> items = new ArrayList<>();
    switch (type) {
      case 0x01, 0x02 -> {
        int unit = type == 0x01 ? 2 : 1;
        int start = o;
        for (int at = o; at + unit <= end; at += unit) {
          if ((unit == 2 ? chunk.u16(at) : chunk.u8(at)) == 0) {
            items.add(new SubstitutionValue(type, start, at - start));
            start = at + unit;
          }
        }
        if (start < end) {
          items.add(new SubstitutionValue(type, start, end - start));
        }
      }
      case 0x13 -> {
        for (int at = o; at < end; ) {
          int length = at + 2 <= end ? 8 + 4 * chunk.u8(at + 1) : end - at;
          items.add(new SubstitutionValue(type, at, Math.min(length, end - at)));
          at += length;
        }
      }
      default -> {
        int size = itemSize(type, array.length());
        if (array.length() % size != 0) {
          throw new EvtxFormatException("an array of " + size + "-byte items has " + array.length() + " bytes");
        }
        for (int at = o; at < end; at += size) {
          items.add(new SubstitutionValue(type, at, size));
        }
      }
    }
    return items;
  }

  private static int itemSize(int type, int length) throws EvtxFormatException {
    return switch (type) {
      case 0x03, 0x04 -> 1;
      case 0x05, 0x06 -> 2;
      case 0x07, 0x08, 0x0b, 0x0d, 0x14 -> 4;
      case 0x09, 0x0a, 0x0c, 0x11, 0x15 -> 8;
      case 0x0f, 0x12 -> 16;
      case 0x10, 0x20 -> length % 8 == 0 ? 8 : 4;
      default -> throw new EvtxFormatException(String.format("arrays of type 0x%02x are not defined (MSDN: no "
          + "arrays of binary or Binary XML)", type));
    };
  }

  private static long fixed(ChunkBytes chunk, SubstitutionValue v, int size, String what)
      throws EvtxFormatException {
    if (v.length() != size) {
      throw new EvtxFormatException(what + " is " + size + " bytes");
    }
    return switch (size) {
      case 1 -> chunk.u8(v.offset());
      case 2 -> chunk.u16(v.offset());
      case 4 -> chunk.u32(v.offset());
      default -> chunk.u64(v.offset());
    };
  }

  private static String utf16(ChunkBytes chunk, int offset, int length) throws EvtxFormatException {
    if (length % 2 != 0) {
      throw new EvtxFormatException("a UTF-16 string has an even number of bytes");
    }
    return stripNuls(chunk.utf16(offset, length / 2));
  }

  /** Writers often count the terminating NUL into the value's size; Windows does not show it. */
  private static String stripNuls(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == 0) {
      end--;
    }
    return s.substring(0, end);
  }

  /** Event Viewer's forms: shortest decimal that reads back the same, no exponent; MSVC's infinity and NaN. */
  private static String real(double d, boolean single) {
    if (Double.isNaN(d)) {
      return "-1.#IND";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "1.#INF" : "-1.#INF";
    }
    return new BigDecimal(single ? Float.toString((float) d) : Double.toString(d)).stripTrailingZeros()
        .toPlainString();
  }

  private static String guid(ChunkBytes chunk, SubstitutionValue v) throws EvtxFormatException {
    if (v.length() != 16) {
      throw new EvtxFormatException("a GUID is 16 bytes");
    }
    int o = v.offset();
    byte[] tail = chunk.copy(o + 8, 8);
    return String.format("{%08X-%04X-%04X-%s-%s}", chunk.u32(o), chunk.u16(o + 4), chunk.u16(o + 6),
        UPPER_HEX.formatHex(tail, 0, 2), UPPER_HEX.formatHex(tail, 2, 8));
  }

  /** 100-ns ticks since 1601, unsigned, with all 7 fractional digits as Windows writes SystemTime. */
  static String fileTime(long ticks) {
    long seconds = Long.divideUnsigned(ticks, FILETIME_TICKS_PER_SECOND) - FILETIME_EPOCH_TO_UNIX_SECONDS;
    long fraction = Long.remainderUnsigned(ticks, FILETIME_TICKS_PER_SECOND);
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    return String.format("%04d-%02d-%02dT%02d:%02d:%02d.%07dZ", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
        t.getHour(), t.getMinute(), t.getSecond(), fraction);
  }

  /** Rendered like a FILETIME; its milliseconds fill the first three of the seven digits. Fields are not checked. */
  private static String systemTime(ChunkBytes chunk, SubstitutionValue v) throws EvtxFormatException {
    if (v.length() != 16) {
      throw new EvtxFormatException("a SYSTEMTIME is 16 bytes");
    }
    int o = v.offset(); // year, month, day of week, day, hour, minute, second, millisecond
    return String.format("%04d-%02d-%02dT%02d:%02d:%02d.%03d0000Z", chunk.u16(o), chunk.u16(o + 2),
        chunk.u16(o + 6), chunk.u16(o + 8), chunk.u16(o + 10), chunk.u16(o + 12), chunk.u16(o + 14));
  }

  /** Revision, sub-authority count, a 48-bit big-endian authority, then the 32-bit sub-authorities. */
  private static String sid(ChunkBytes chunk, SubstitutionValue v) throws EvtxFormatException {
    int o = v.offset();
    if (v.length() < 8 || v.length() != 8 + 4 * chunk.u8(o + 1)) {
      throw new EvtxFormatException("a SID is 8 bytes and 4 per sub-authority");
    }
    long authority = 0;
    for (int i = 2; i < 8; i++) {
      authority = authority << 8 | chunk.u8(o + i);
    }
    StringBuilder s = new StringBuilder("S-").append(chunk.u8(o)).append('-')
        .append(authority < 1L << 32 ? Long.toString(authority) : String.format("0x%012X", authority));
    for (int i = 0; i < chunk.u8(o + 1); i++) {
      s.append('-').append(chunk.u32(o + 8 + 4 * i));
    }
    return s.toString();
  }

  /** Windows-1252, the code page of most event logs' ANSI strings; Latin-1 where a JDK lacks it. */
  private static Charset ansi() {
    return Charset.isSupported("windows-1252") ? Charset.forName("windows-1252") : StandardCharsets.ISO_8859_1;
  }
}
