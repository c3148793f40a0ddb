package dev.tradeoff.faults;

import dev.tradeoff.faults.Fault.DurationRule;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Registers a fault record: the annotation is the whole registration, so a new fault is one
 * annotated record in its family ({@link NodeFault}, {@link NetworkFault}, {@link ClockFault}) and
 * nothing else. {@link FaultTypes} finds every record through the sealed hierarchy, and the JSON
 * codecs, {@link Fault#KINDS}, {@link Fault#kind()} and {@link Fault#durationRule()} read it there.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface FaultType {
  /** Its name in scenario and schedule files, e.g. {@code one-way-partition}; unique. */
  String value();

  /** Its kind for statistics and window shading, e.g. {@code partition}; the type if omitted. */
  String kind() default "";

  /** Whether it lasts. */
  DurationRule lasts();
}
