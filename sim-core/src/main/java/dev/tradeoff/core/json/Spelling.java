package dev.tradeoff.core.json;

import java.util.Collection;

/** Finds the known name a misspelt one most likely meant, for "did you mean …?" messages. */
public final class Spelling {
  private Spelling() {}

  /**
   * The name in {@code known} closest to {@code name} by edit distance (insertions, deletions,
   * substitutions and swaps of neighbours, case ignored), if it is within a third of {@code name}'s
   * length (at least 1, at most 3); the first in iteration order on a tie; null if none is that
   * close.
   */
  public static String closest(String name, Collection<String> known) {
    String best = null;
    int bestDistance = Math.min(3, Math.max(1, name.length() / 3)) + 1;
    for (String k : known) {
      int d =
          distance(name.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Optimal string alignment distance between {@code a} and {@code b}. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
