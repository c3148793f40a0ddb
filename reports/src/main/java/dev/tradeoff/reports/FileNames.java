package dev.tradeoff.reports;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Turns labels (operation kinds, series groups) into file-name stems that are safe on every file
 * system and unique within one report. Deterministic: the same labels in the same order give the
 * same stems.
 */
final class FileNames {
  private final Set<String> used = new LinkedHashSet<>();

  /**
   * A stem for {@code label}: lower-case ASCII letters, digits, {@code .}, {@code _} and {@code -}
   * kept, every other run of characters turned into one {@code _}, at most 60 characters, never
   * empty and never starting with a dot or underscore; {@code -2}, {@code -3}, … appended when an
   * earlier label already took the stem.
   */
  String stem(String label) {
    String base = sanitise(label);
    String candidate = base;
    for (int n = 2; !used.add(candidate); n++) {
      candidate = base + "-" + n;
    }
    return candidate;
  }

  static String sanitise(String label) {
    StringBuilder out = new StringBuilder();
    boolean gap = false;
    for (char c : label.toLowerCase(Locale.ROOT).toCharArray()) {
      boolean keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
      if (keep) {
        if (gap && out.length() > 0) {
          out.append('_');
        }
        gap = false;
        out.append(c);
      } else {
        gap = true;
      }
      if (out.length() >= 60) {
        break;
      }
    }
    String s = out.toString();
    while (s.startsWith(".") || s.startsWith("_")) {
      s = s.substring(1);
    }
    return s.isEmpty() ? "unnamed" : s;
  }
}
