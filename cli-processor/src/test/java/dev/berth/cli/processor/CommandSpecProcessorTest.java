package dev.berth.cli.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor refuses, as a compile error on the element, what its generated model would not reproduce, and
 * writes the model and the index for what it supports. Runs javac on small sources.
 */
class CommandSpecProcessorTest {

    @TempDir
    Path dir;

    @Test
    void writesTheModelAndTheIndex() throws IOException {
        Compilation compilation = compile("""
                package p;
                @picocli.CommandLine.Command(name = "hello", description = "Say hello")
                public class Hello {
                    @picocli.CommandLine.Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "Who")
                    String name = "world";
                    @picocli.CommandLine.Parameters(arity = "0..*", description = "More")
                    java.util.List<String> more;
                }
                """);

        assertTrue(compilation.success(), compilation.errors());
        String model = Files.readString(dir.resolve("out/p/Hello_Spec.java"));
        assertTrue(model.contains("spec.name(\"hello\")"), model);
        assertTrue(model.contains(".auxiliaryTypes(java.lang.String.class)"), model);
        assertTrue(model.contains(".paramLabel(\"<more>\")"), model);
        assertTrue(Files.readString(dir.resolve("out/q/Index.java")).contains("p.Hello_Spec.of("));
    }

    @Test
    void anAttributeItDoesNotCarryIsACompileError() throws IOException {
        Compilation compilation = compile("""
                package p;
                @picocli.CommandLine.Command(name = "hello")
                public class Hello {
                    @picocli.CommandLine.Option(names = "--tag", split = ",")
                    java.util.List<String> tags;
                }
                """);

        assertFalse(compilation.success());
        assertTrue(compilation.errors().contains("does not carry [split] of @Option"), compilation.errors());
    }

    @Test
    void aPrivateFieldIsACompileError() throws IOException {
        Compilation compilation = compile("""
                package p;
                @picocli.CommandLine.Command(name = "hello")
                public class Hello {
                    @picocli.CommandLine.Option(names = "--quiet")
                    private boolean quiet;
                }
                """);

        assertFalse(compilation.success());
        assertTrue(compilation.errors().contains("must be an instance field that is not private"), compilation.errors());
    }

    @Test
    void aSubclassIsACompileError() throws IOException {
        Files.createDirectories(dir.resolve("src/p"));
        Files.writeString(dir.resolve("src/p/Base.java"), "package p;\npublic class Base {\n}\n");
        Compilation compilation = compile("""
                package p;
                @picocli.CommandLine.Command(name = "hello")
                public class Hello extends Base {
                }
                """);

        assertFalse(compilation.success());
        assertTrue(compilation.errors().contains("extends a class is not supported"), compilation.errors());
    }

    private record Compilation(boolean success, String errors) {
    }

    private Compilation compile(String source) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src/p"));
        Files.writeString(sources.resolve("Hello.java"), source);
        Path out = Files.createDirectories(dir.resolve("out"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<Path> inputs;
            try (var listing = Files.list(sources)) {
                inputs = listing.collect(Collectors.toList());
            }
            boolean success = javac.getTask(null, files, diagnostics,
                    List.of("-d", out.toString(), "-s", out.toString(), "-proc:only",
                            "-classpath", System.getProperty("java.class.path"), "-Aberth.commandSpecs=q.Index"),
                    null, files.getJavaFileObjectsFromPaths(inputs))
                    .call();
            String errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n"));
            assertEquals(success, errors.isEmpty(), errors);
            return new Compilation(success, errors);
        }
    }
}
