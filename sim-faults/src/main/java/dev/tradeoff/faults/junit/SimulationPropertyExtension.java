package dev.tradeoff.faults.junit;

import dev.tradeoff.core.kernel.Simulation;
import dev.tradeoff.faults.Case;
import dev.tradeoff.faults.Property;
import dev.tradeoff.faults.Run;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * Runs a {@link SimulationProperty} method as a property: JUnit's own call of the method is
 * skipped, and the property calls it once per case instead, with the finished run's parts as its
 * arguments. Registered by the annotation; not used directly.
 */
public final class SimulationPropertyExtension implements InvocationInterceptor, ParameterResolver {
  /** Creates the extension (JUnit does, once per test class). */
  public SimulationPropertyExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    // JUnit resolves these itself; claiming them too would be a conflict
    boolean junits =
        type == TestReporter.class || type == TestInfo.class || type == RepetitionInfo.class;
    return !junits
        && parameter.getDeclaringExecutable().isAnnotationPresent(SimulationProperty.class);
  }

  /** A placeholder: JUnit's call is skipped, and each case's call gets the case's values. */
  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return null;
  }

  @Override
  public void interceptTestMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext context) {
    invocation.skip();
    Method method = invocationContext.getExecutable();
    SimulationProperty annotation = method.getAnnotation(SimulationProperty.class);
    Object target = invocationContext.getTarget().orElse(null);
    Class<?> testClass = context.getRequiredTestClass();
    TestReporter reporter = entries -> publish(context, entries);
    setup(testClass, target, annotation.setup())
        .tries(annotation.tries())
        .seed(annotation.seed())
        .replayTest(testClass, method.getName())
        .asserting(method.getName(), run -> call(method, target, run, reporter))
        .alsoReporter(summary -> publish(context, Map.of("tradeoff", summary.text())))
        .caseReporter(tried -> publish(context, Map.of("tradeoff case", tried.line())))
        .build()
        .check();
  }

  /** The builder the setup method returns. */
  @SuppressWarnings("unchecked")
  private static Property.Builder<Object> setup(Class<?> testClass, Object target, String name) {
    Method setup = find(testClass, name);
    if (!Property.Builder.class.isAssignableFrom(setup.getReturnType())) {
      throw new IllegalStateException(
          testClass.getName()
              + "."
              + name
              + "() must return a Property.Builder, not "
              + setup.getReturnType().getName());
    }
    Object instance = Modifier.isStatic(setup.getModifiers()) ? null : target;
    Object builder = invoke(setup, instance);
    if (builder == null) {
      throw new IllegalStateException(testClass.getName() + "." + name + "() returned null");
    }
    return (Property.Builder<Object>) builder;
  }

  private static Method find(Class<?> testClass, String name) {
    for (Class<?> c = testClass; c != null; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.getName().equals(name) && m.getParameterCount() == 0) {
          m.setAccessible(true);
          return m;
        }
      }
    }
    throw new IllegalStateException(
        "@SimulationProperty(setup = \""
            + name
            + "\"): "
            + testClass.getName()
            + " has no method "
            + name
            + "() without parameters returning a Property.Builder");
  }

  /** Calls the property method for one finished run. */
  private static void call(Method method, Object target, Run<Object> run, TestReporter reporter) {
    Class<?>[] types = method.getParameterTypes();
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      args[i] = argument(method, i, types[i], run, reporter);
    }
    method.setAccessible(true);
    invoke(method, target, args);
  }

  private static Object argument(
      Method method, int index, Class<?> type, Run<Object> run, TestReporter reporter) {
    if (type == Run.class) {
      return run;
    }
    if (type == Case.class) {
      return run.trial();
    }
    if (type == TestReporter.class) {
      return reporter;
    }
    if (type.isInstance(run.system())) {
      return run.system();
    }
    if (type == Simulation.class) {
      return run.simulation();
    }
    throw new IllegalStateException(
        method.getName()
            + ": parameter "
            + (index + 1)
            + " has type "
            + type.getName()
            + "; a @SimulationProperty method takes the Run, the Simulation, the Case, a"
            + " TestReporter or the run's system (here a "
            + run.system().getClass().getName()
            + ")");
  }

  private static Object invoke(Method method, Object target, Object... args) {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof AssertionError error) {
        throw error;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(method.getName() + " threw " + cause, cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot call " + method, e);
    }
  }

  /** Report entries from the tries' threads go to JUnit one at a time. */
  private static void publish(ExtensionContext context, Map<String, String> entries) {
    synchronized (context) {
      context.publishReportEntry(entries);
    }
  }
}
