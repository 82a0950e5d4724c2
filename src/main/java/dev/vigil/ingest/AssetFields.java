package dev.vigil.ingest;

import dev.vigil.lookup.AssetsAndIdentities;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The fields of {@code Endpoint.Processes} that ES's asset and identity correlation gives an event (docs/rba.md,
 * "Assets and identities"): {@code dest_category}, {@code dest_priority}, {@code dest_bunit}, … from the asset
 * {@code dest} names, {@code user_category}, {@code user_priority}, {@code user_bunit} from the identity
 * {@code user} names. A field the event carries itself is kept. [Vigil] They are set when the event is stored,
 * not looked up at each search as ES does.
 */
public final class AssetFields implements UnaryOperator<ProcessEvent> {
  /** Asset column → the data model's dest field. */
  private static final Map<String, String> DEST = Map.of("category", "dest_category", "priority", "dest_priority",
      "bunit", "dest_bunit", "is_expected", "dest_is_expected", "requires_av", "dest_requires_av",
      "should_timesync", "dest_should_timesync", "should_update", "dest_should_update");
  /** Identity column → the data model's user field. */
  private static final Map<String, String> USER = Map.of("category", "user_category", "priority", "user_priority",
      "bunit", "user_bunit");

  private final AssetsAndIdentities lookups;

  public AssetFields(AssetsAndIdentities lookups) {
    this.lookups = lookups;
  }

  @Override
  public ProcessEvent apply(ProcessEvent event) {
    if (lookups.isEmpty()) {
      return event;
    }
    Map<String, String> added = new HashMap<>();
    add(event, "dest", lookups::asset, DEST, added);
    add(event, "user", lookups::identity, USER, added);
    if (added.isEmpty()) {
      return event;
    }
    added.putAll(event.fields());
    return new ProcessEvent(event.timeMillis(), event.source(), event.sourcetype(), event.raw(), added);
  }

  private interface Lookup {
    Optional<AssetsAndIdentities.Entry> of(String value);
  }

  private static void add(ProcessEvent event, String key, Lookup lookup, Map<String, String> columns,
                          Map<String, String> added) {
    String value = event.field(key);
    if (value == null || value.isEmpty() || value.equals(CimFields.UNKNOWN)) {
      return;
    }
    lookup.of(value).ifPresent(entry -> columns.forEach((column, field) -> {
      // ES's lookups give priority as it ranks it, and every other column as the lookup holds it.
      Optional<String> cell = column.equals("priority") ? Optional.of(entry.priority()) : entry.field(column);
      cell.ifPresent(v -> added.put(field, v));
    }));
  }
}
