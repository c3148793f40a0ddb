package dev.tradeoff.core.json;

import com.dslplatform.json.DslJson;
import com.dslplatform.json.JsonReader;
import com.dslplatform.json.JsonWriter;

/**
 * The one dsl-json instance this module reads and writes JSON through. It is thread-safe; the
 * readers and writers it hands out are not, so each caller takes its own.
 */
public final class JsonCodec {
  /**
   * Minimal error info: a failed read is re-diagnosed by the caller, who needs no stack trace or
   * excerpt. The string limit is raised so that only the text's length bounds a string, as it did
   * before dsl-json.
   */
  private static final DslJson<Object> DSL =
      new DslJson<>(
          new DslJson.Settings<>()
              .errorInfo(JsonReader.ErrorInfo.MINIMAL)
              .limitStringBuffer(Integer.MAX_VALUE / 2));

  private JsonCodec() {}

  /** A new writer with an empty buffer. */
  public static JsonWriter writer() {
    return DSL.newWriter();
  }

  /** A new writer whose buffer starts with room for {@code size} bytes. */
  public static JsonWriter writer(int size) {
    return DSL.newWriter(size);
  }

  /** A new reader over the first {@code length} bytes of {@code bytes}. */
  static JsonReader<Object> reader(byte[] bytes, int length) {
    return DSL.newReader(bytes, length);
  }
}
