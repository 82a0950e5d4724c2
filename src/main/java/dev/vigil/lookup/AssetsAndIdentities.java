package dev.vigil.lookup;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * ES's asset and identity lookups ({@code config/local/assets.csv}, {@code identities.csv}; docs/rba.md): which
 * host or user a value names, and its {@code priority}, {@code category}, {@code bunit}, … An asset is found by
 * its {@code ip} (an address or a CIDR block), {@code mac}, {@code nt_host} or {@code dns}; an identity by any
 * value of its {@code identity} field (values separated by {@code |}, as ES writes multivalue cells) or its
 * {@code email}. Keys match without regard to case; the first row that matches wins, as ES merges by order.
 */
public final class AssetsAndIdentities {
  public static final AssetsAndIdentities NONE = new AssetsAndIdentities(List.of(), List.of());
  /** Priorities in rank order; a value outside them, or none, is unknown. */
  public static final List<String> PRIORITIES = List.of("unknown", "informational", "low", "medium", "high", "critical");
  private static final List<String> ASSET_KEYS = List.of("ip", "mac", "nt_host", "dns");
  private static final List<String> IDENTITY_KEYS = List.of("identity", "email");
  private static final Pattern MULTIVALUE = Pattern.compile("\\|");

  /** One row of a lookup: its non-empty cells. */
  public record Entry(Map<String, String> fields) {
    public Entry {
      fields = Map.copyOf(fields);
    }

    /** {@code priority}, lower-cased, or {@code unknown}. */
    public String priority() {
      String priority = fields.getOrDefault("priority", "unknown").toLowerCase(Locale.ROOT);
      return PRIORITIES.contains(priority) ? priority : "unknown";
    }

    public Optional<String> field(String name) {
      return Optional.ofNullable(fields.get(name));
    }
  }

  private final List<Entry> assets;
  private final List<Entry> identities;
  /** Each key value, lower-cased, and the first row that has it: ingest looks an event's dest and user up here. */
  private final Map<String, Integer> assetRows;
  private final Map<String, Integer> identityRows;
  /** The {@code ip} cells that are CIDR blocks, in row order. */
  private final List<Block> blocks = new ArrayList<>();

  private record Block(int row, String cidr) {}

  private AssetsAndIdentities(List<Entry> assets, List<Entry> identities) {
    this.assets = assets;
    this.identities = identities;
    this.assetRows = rowsByKey(assets, ASSET_KEYS);
    this.identityRows = rowsByKey(identities, IDENTITY_KEYS);
    for (int row = 0; row < assets.size(); row++) {
      for (String ip : values(assets.get(row), "ip")) {
        if (ip.contains("/")) {
          blocks.add(new Block(row, ip));
        }
      }
    }
  }

  private static Map<String, Integer> rowsByKey(List<Entry> entries, List<String> keys) {
    Map<String, Integer> rows = new HashMap<>();
    for (int row = 0; row < entries.size(); row++) {
      for (String key : keys) {
        for (String value : values(entries.get(row), key)) {
          // A CIDR block is no key of its own: it is matched as a block.
          if (!(key.equals("ip") && value.contains("/"))) {
            rows.putIfAbsent(value, row);
          }
        }
      }
    }
    return Map.copyOf(rows);
  }

  /**
   * Reads the two lookups; a file that does not exist is an empty lookup.
   *
   * @throws IOException for a file that cannot be read or parsed, or a lookup without any of its key columns
   */
  public static AssetsAndIdentities load(Path assetsCsv, Path identitiesCsv) throws IOException {
    return new AssetsAndIdentities(entries(assetsCsv, ASSET_KEYS), entries(identitiesCsv, IDENTITY_KEYS));
  }

  private static List<Entry> entries(Path file, List<String> keys) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    List<List<String>> records = Csv.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    if (records.isEmpty()) {
      return List.of();
    }
    List<String> header = records.get(0).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    if (keys.stream().noneMatch(header::contains)) {
      throw new IOException(file + ":1: the header names none of the key columns " + String.join(", ", keys)
          + " (it has " + String.join(", ", header) + ")");
    }
    List<Entry> entries = new ArrayList<>();
    for (int r = 1; r < records.size(); r++) {
      List<String> record = records.get(r);
      if (record.size() > header.size()) {
        throw new IOException(file + ":" + (r + 1) + ": " + record.size() + " cells, the header has " + header.size());
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (int c = 0; c < record.size(); c++) {
        if (!record.get(c).isBlank()) {
          fields.put(header.get(c), record.get(c).strip());
        }
      }
      entries.add(new Entry(fields));
    }
    return List.copyOf(entries);
  }

  public boolean isEmpty() {
    return assets.isEmpty() && identities.isEmpty();
  }

  /** The asset {@code value} (an address, a MAC, a host or DNS name) names: the first row that matches it. */
  public Optional<Entry> asset(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    Integer exact = assetRows.get(lower);
    for (Block block : blocks) {
      if (exact != null && block.row() > exact) {
        break;
      }
      if (inBlock(lower, block.cidr())) {
        return Optional.of(assets.get(block.row()));
      }
    }
    return exact == null ? Optional.empty() : Optional.of(assets.get(exact));
  }

  /** The identity {@code value} (a user name or an email address) names. */
  public Optional<Entry> identity(String value) {
    Integer row = identityRows.get(value.toLowerCase(Locale.ROOT));
    return row == null ? Optional.empty() : Optional.of(identities.get(row));
  }

  /** The entry of a risk object: an asset for {@code system}, an identity for {@code user}. */
  public Optional<Entry> ofRiskObject(String type, String value) {
    return switch (type) {
      case "system" -> asset(value);
      case "user" -> identity(value);
      default -> Optional.empty();
    };
  }

  /** The higher of two priorities. */
  public static String higher(String a, String b) {
    return PRIORITIES.indexOf(b) > PRIORITIES.indexOf(a) ? b : a;
  }

  private static List<String> values(Entry entry, String key) {
    String cell = entry.fields().get(key);
    if (cell == null) {
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (String each : MULTIVALUE.split(cell)) {
      if (!each.isBlank()) {
        values.add(each.strip().toLowerCase(Locale.ROOT));
      }
    }
    return values;
  }

  private static boolean isLiteralAddress(String text) {
    return text.matches("\\d{1,3}(\\.\\d{1,3}){3}") || text.contains(":") && text.matches("[0-9a-f:.]+");
  }

  /** Whether the address {@code ip} is in the CIDR block {@code cidr}; a value that is no address is not. */
  private static boolean inBlock(String ip, String cidr) {
    int slash = cidr.indexOf('/');
    try {
      // Only literal addresses: InetAddress would look a name up in DNS, and Vigil uses no network at run time.
      if (!isLiteralAddress(ip) || !isLiteralAddress(cidr.substring(0, slash))) {
        return false;
      }
      byte[] address = InetAddress.getByName(ip).getAddress();
      byte[] network = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
      int bits = Integer.parseInt(cidr.substring(slash + 1));
      if (address.length != network.length || bits < 0 || bits > address.length * 8) {
        return false;
      }
      int shift = address.length * 8 - bits;
      return new BigInteger(1, address).shiftRight(shift).equals(new BigInteger(1, network).shiftRight(shift));
    } catch (UnknownHostException | NumberFormatException e) {
      return false;
    }
  }
}
