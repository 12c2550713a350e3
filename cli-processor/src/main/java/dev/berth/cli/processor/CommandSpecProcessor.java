package dev.berth.cli.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Writes, for every class with picocli annotations, a class that builds its picocli model with picocli's
 * programmatic API ({@code RunCommand_Spec.of(command, factory)}), and an index of the commands' models (the
 * class named by the option {@value #INDEX_OPTION}).
 *
 * <p>Why: picocli reads the model from the annotations by reflection at run time. The first annotation read in
 * a JVM makes the JDK generate a proxy class for each annotation type, and setting a field by reflection spins
 * method handles; together some 50 ms of every {@code berth} command on a small machine, more than the rest of
 * the command line's own start. The generated model is the same model, read from the same annotations, at
 * compile time. An annotation attribute this processor does not translate is a compile error, never a
 * silently different command line.
 */
@SupportedAnnotationTypes({"picocli.CommandLine.Command", "picocli.CommandLine.Option",
        "picocli.CommandLine.Parameters", "picocli.CommandLine.Mixin", "picocli.CommandLine.Spec"})
@SupportedOptions(CommandSpecProcessor.INDEX_OPTION)
public final class CommandSpecProcessor extends AbstractProcessor {

    /** The fully qualified name of the index class to write; none is written without it. */
    public static final String INDEX_OPTION = "berth.commandSpecs";

    private final Map<String, TypeElement> commands = new LinkedHashMap<>();
    private boolean indexWritten;

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        Map<String, TypeElement> annotated = new LinkedHashMap<>();
        for (Element element : round.getElementsAnnotatedWith(Command.class)) {
            if (element.getKind() != ElementKind.CLASS) {
                error(element, "@Command is supported on classes only");
                continue;
            }
            TypeElement type = (TypeElement) element;
            annotated.put(type.getQualifiedName().toString(), type);
            commands.put(type.getQualifiedName().toString(), type);
        }
        for (Class<? extends Annotation> member : List.of(Option.class, Parameters.class, Mixin.class, Spec.class)) {
            for (Element element : round.getElementsAnnotatedWith(member)) {
                if (element.getKind() != ElementKind.FIELD) {
                    error(element, "@" + member.getSimpleName() + " is supported on fields only");
                    continue;
                }
                TypeElement type = (TypeElement) element.getEnclosingElement();
                annotated.put(type.getQualifiedName().toString(), type);
            }
        }
        for (TypeElement type : annotated.values()) {
            try {
                new ModelSource(processingEnv, type).write();
            } catch (ModelSource.UnsupportedException e) {
                error(e.element(), e.getMessage());
            } catch (IOException e) {
                error(type, "cannot write the model of " + type + ": " + e.getMessage());
            }
        }
        if (round.processingOver() && !indexWritten && processingEnv.getOptions().containsKey(INDEX_OPTION)) {
            writeIndex(processingEnv.getOptions().get(INDEX_OPTION));
            indexWritten = true;
        }
        return false;
    }

    private void writeIndex(String name) {
        try (Writer out = processingEnv.getFiler().createSourceFile(name).openWriter()) {
            out.write(new IndexSource(name, commands.values()).text());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name, e);
        }
    }

    private void error(Element element, String message) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
    }
}
