package dev.tradeoff.reports;

/**
 * Bidirectional-text controls (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069) shown as
 * visible code points: written raw, a name holding one could reorder the text around it in a
 * terminal or a page and make a report say what it does not ("Trojan Source", Boucher and Anderson,
 * USENIX Security 2023).
 */
final class BidiControls {
  private BidiControls() {}

  /** Whether {@code c} is a bidirectional control. */
  static boolean is(char c) {
    return c == '\u061C'
        || c == '\u200E'
        || c == '\u200F'
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069');
  }

  /** {@code c} as visible text, e.g. {@code [U+202E]}. */
  static String shown(char c) {
    return String.format(java.util.Locale.ROOT, "[U+%04X]", (int) c);
  }

  /** {@code text} with every bidirectional control shown as visible text. */
  static String shown(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (is(c)) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append(shown(c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }
}
