package dev.socagent.helmcheck;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs Helm's own {@code lint} and {@code template} on a chart, in this JVM, so a machine without the helm binary
 * (or without network) can still check that the chart lints and renders.
 *
 * <pre>
 * helm-check lint CHART [--strict]
 * helm-check template CHART [--values FILE]... [--name RELEASE] [--namespace NS]
 * </pre>
 *
 * {@code lint} prints Helm's messages, one a line, and exits 1 when Helm reports a failure; {@code template} prints
 * the rendered manifests and exits 1 when rendering fails. Bad arguments exit 2.
 */
public final class HelmCheck {
  private HelmCheck() {}

  public static void main(String[] args) {
    try {
      System.exit(run(args));
    } catch (UsageException e) {
      System.err.println("helm-check: " + e.getMessage());
      System.err.println("usage: helm-check lint CHART [--strict] | helm-check template CHART [--values FILE]... [--name RELEASE] [--namespace NS]");
      System.exit(2);
    }
  }

  private static int run(String[] args) {
    if (args.length < 2) throw new UsageException("expected a command (lint or template) and a chart folder");
    Path chart = Path.of(args[1]).toAbsolutePath().normalize();
    if (!Files.isRegularFile(chart.resolve("Chart.yaml"))) throw new UsageException(chart + " holds no Chart.yaml");
    return switch (args[0]) {
      case "lint" -> lint(chart, options(args));
      case "template" -> template(chart, options(args));
      default -> throw new UsageException("unknown command " + args[0]);
    };
  }

  private static List<String[]> options(String[] args) {
    List<String[]> options = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--strict")) {
        options.add(new String[] {flag, ""});
      } else if (flag.equals("--values") || flag.equals("--name") || flag.equals("--namespace")) {
        if (i + 1 >= args.length) throw new UsageException(flag + " needs a value");
        options.add(new String[] {flag, args[++i]});
      } else {
        throw new UsageException("unknown option " + flag);
      }
    }
    return options;
  }

  private static int lint(Path chart, List<String[]> options) {
    LintCommand command = new Helm(chart).lint();
    for (String[] option : options) {
      if (!option[0].equals("--strict")) throw new UsageException(option[0] + " does not apply to lint");
      command.strict();
    }
    LintResult result = command.call();
    result.getMessages().forEach(System.out::println);
    System.out.println(result.isFailed() ? "lint: failed" : "lint: passed");
    return result.isFailed() ? 1 : 0;
  }

  private static int template(Path chart, List<String[]> options) {
    TemplateCommand command = new Helm(chart).template();
    for (String[] option : options) {
      switch (option[0]) {
        case "--values" -> {
          Path values = Path.of(option[1]).toAbsolutePath().normalize();
          if (!Files.isRegularFile(values)) throw new UsageException("no values file at " + values);
          command.withValuesFile(values);
        }
        case "--name" -> command.withName(option[1]);
        case "--namespace" -> command.withNamespace(option[1]);
        default -> throw new UsageException(option[0] + " does not apply to template");
      }
    }
    try {
      System.out.print(command.call());
      return 0;
    } catch (IllegalStateException e) {
      // helm-java reports Helm's own error (a template failure, a schema violation) as the message.
      System.err.println("template: failed: " + e.getMessage());
      return 1;
    }
  }

  private static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
