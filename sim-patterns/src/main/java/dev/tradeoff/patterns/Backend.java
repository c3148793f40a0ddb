package dev.tradeoff.patterns;

/**
 * A system another pattern builds on — the database behind a cache, each shard behind a router —
 * read from a nested {@code system} object: its pattern and values, not yet built, so that the
 * outer pattern can build as many instances as it needs (one per shard) under distinct names.
 *
 * @param spec the nested pattern
 * @param config its values
 * @param prefix a prefix the layers above have already given it, prepended to whatever prefix the
 *     pattern that builds it adds
 */
public record Backend(PatternSpec spec, Config config, String prefix) {
  /** A backend as the scenario wrote it, with no prefix yet. */
  public Backend(PatternSpec spec, Config config) {
    this(spec, config, "");
  }

  /**
   * An instance whose node names start with {@code prefix} (after any prefix the layers above gave
   * it): the pattern's {@code name} parameter, if it has one, becomes {@code prefix + name}, and
   * every system nested inside it inherits the prefix, so that instances of a stack never share a
   * node name. Shard 2 of {@code db} is {@code s2-db}; a cache's database inside shard 2 is {@code
   * s2-db} too, and its cache nodes {@code s2-cache-0 …}. An empty prefix builds it as written.
   */
  public Store build(String prefix) {
    String full = prefix + this.prefix;
    Config c = config;
    if (!full.isEmpty()) {
      c = c.mapBackends(b -> b.withPrefix(full + b.prefix()));
      if (c.has("name")) {
        c = c.with("name", full + c.string("name"));
      }
    }
    return spec.build(c);
  }

  /** This backend with the inherited prefix {@code newPrefix}. */
  public Backend withPrefix(String newPrefix) {
    return new Backend(spec, config, newPrefix);
  }
}
