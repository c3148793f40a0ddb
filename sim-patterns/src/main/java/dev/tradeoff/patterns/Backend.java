package dev.tradeoff.patterns;

/**
 * A system another pattern builds on — the database behind a cache, each shard behind a router —
 * read from a nested {@code system} object: its pattern and values, not yet built, so that the
 * outer pattern can build as many instances as it needs (one per shard) under distinct names.
 *
 * @param spec the nested pattern
 * @param config its values
 */
public record Backend(PatternSpec spec, Config config) {
  /**
   * An instance whose node names start with {@code prefix}: the nested pattern's {@code name}
   * parameter, if it has one, becomes {@code prefix + name} (so shard 2 of {@code db} has nodes
   * {@code s2-db-0 …} when {@code prefix} is {@code "s2-"}). An empty prefix builds it as written.
   */
  public Store build(String prefix) {
    Config c = config;
    if (!prefix.isEmpty() && c.has("name")) {
      c = c.with("name", prefix + c.string("name"));
    }
    return spec.build(c);
  }
}
