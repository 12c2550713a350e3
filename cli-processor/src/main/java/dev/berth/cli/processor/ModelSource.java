package dev.berth.cli.processor;

import java.io.IOException;
import java.io.Writer;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The source of {@code <Type>_Spec}: a static {@code of(instance, factory)} that builds the picocli model of
 * one annotated class, and, as instances, the getter and setter of each of its option and parameter fields (one
 * class for all of them, told apart by the field's number, rather than a class per field to load).
 */
final class ModelSource {

    /** An annotation attribute, or a use of one, that the generated model would not reproduce. */
    static final class UnsupportedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Element element;

        UnsupportedException(Element element, String message) {
            super(message);
            this.element = element;
        }

        Element element() {
            return element;
        }
    }

    private static final String PICOCLI = "picocli.CommandLine";
    private static final String SUFFIX = "_Spec";
    private static final Set<String> COMMAND_ATTRIBUTES = Set.of("name", "description", "hidden", "header");
    private static final Set<String> OPTION_ATTRIBUTES =
            Set.of("names", "description", "paramLabel", "arity", "defaultValue", "hidden", "required");
    private static final Set<String> PARAMETERS_ATTRIBUTES =
            Set.of("index", "description", "paramLabel", "arity", "defaultValue", "hidden");
    private static final Set<String> MIXIN_ATTRIBUTES = Set.of("name");

    private final ProcessingEnvironment environment;
    private final TypeElement type;
    private final String packageName;
    private final String simpleName;
    private final StringBuilder build = new StringBuilder();
    private final List<String> getters = new ArrayList<>();
    private final List<String> setters = new ArrayList<>();

    ModelSource(ProcessingEnvironment environment, TypeElement type) {
        this.environment = environment;
        this.type = type;
        this.packageName = environment.getElementUtils().getPackageOf(type).getQualifiedName().toString();
        this.simpleName = type.getSimpleName().toString();
    }

    /** The name of the class written for {@code type}. */
    static String modelClassName(TypeElement type) {
        return type.getQualifiedName() + SUFFIX;
    }

    void write() throws IOException, UnsupportedException {
        if (type.getNestingKind() != NestingKind.TOP_LEVEL) {
            throw new UnsupportedException(type, "picocli annotations are supported on top-level classes only");
        }
        if (type.getSuperclass().getKind() == TypeKind.DECLARED
                && !environment.getTypeUtils().asElement(type.getSuperclass()).toString().equals("java.lang.Object")) {
            throw new UnsupportedException(type, "a command or mixin that extends a class is not supported: the "
                    + "generated model would miss the annotated fields of " + type.getSuperclass());
        }
        Command command = type.getAnnotation(Command.class);
        if (command != null) {
            describeCommand(command);
        }
        for (Element member : type.getEnclosedElements()) {
            if (member.getKind() == ElementKind.FIELD) {
                describeField((VariableElement) member);
            }
        }
        String name = simpleName + SUFFIX;
        String qualified = packageName.isEmpty() ? name : packageName + "." + name;
        try (Writer out = environment.getFiler().createSourceFile(qualified, type).openWriter()) {
            out.write(text(name));
        }
    }

    private void describeCommand(Command command) throws UnsupportedException {
        checkAttributes(type, Command.class, COMMAND_ATTRIBUTES);
        if (!command.name().equals("<main class>")) {
            build.append("        spec.name(").append(Literals.string(command.name())).append(");\n");
        }
        if (command.description().length > 0) {
            build.append("        spec.usageMessage().description(").append(Literals.strings(command.description()))
                    .append(");\n");
        }
        if (command.header().length > 0) {
            build.append("        spec.usageMessage().header(").append(Literals.strings(command.header())).append(");\n");
        }
        if (command.hidden()) {
            build.append("        spec.usageMessage().hidden(true);\n");
        }
    }

    private void describeField(VariableElement field) throws UnsupportedException {
        Option option = field.getAnnotation(Option.class);
        Parameters parameters = field.getAnnotation(Parameters.class);
        Mixin mixin = field.getAnnotation(Mixin.class);
        Spec spec = field.getAnnotation(Spec.class);
        if (option == null && parameters == null && mixin == null && spec == null) {
            return;
        }
        if (field.getModifiers().contains(Modifier.PRIVATE) || field.getModifiers().contains(Modifier.STATIC)) {
            throw new UnsupportedException(field, "an annotated field must be an instance field that is not private,"
                    + " so that the generated model in the same package can set it");
        }
        boolean isFinal = field.getModifiers().contains(Modifier.FINAL);
        String access = "command." + field.getSimpleName();
        if (spec != null) {
            checkAttributes(field, Spec.class, Set.of());
            requireNotFinal(field, isFinal);
            build.append("        ").append(access).append(" = spec;\n");
        } else if (mixin != null) {
            checkAttributes(field, Mixin.class, MIXIN_ATTRIBUTES);
            TypeElement mixinType = (TypeElement) environment.getTypeUtils().asElement(field.asType());
            String mixinClass = mixinType.getQualifiedName().toString();
            String name = mixin.name().isEmpty() ? field.getSimpleName().toString() : mixin.name();
            if (!isFinal) {
                build.append("        if (").append(access).append(" == null) {\n")
                        .append("            ").append(access).append(" = factory.create(").append(mixinClass)
                        .append(".class);\n        }\n");
            }
            build.append("        spec.addMixin(").append(Literals.string(name)).append(", ")
                    .append(modelClassName(mixinType)).append(".of(").append(access).append(", factory));\n");
        } else if (option != null) {
            checkAttributes(field, Option.class, OPTION_ATTRIBUTES);
            requireNotFinal(field, isFinal);
            argument("spec.addOption(" + PICOCLI + ".Model.OptionSpec.builder(" + Literals.strings(option.names()) + ")",
                    field, access, option.paramLabel(), option.arity(), option.defaultValue(), option.description(),
                    option.hidden(), option.required());
        } else {
            checkAttributes(field, Parameters.class, PARAMETERS_ATTRIBUTES);
            requireNotFinal(field, isFinal);
            String builder = "spec.addPositional(" + PICOCLI + ".Model.PositionalParamSpec.builder()"
                    + (parameters.index().isEmpty() ? "" : ".index(" + Literals.string(parameters.index()) + ")");
            argument(builder, field, access, parameters.paramLabel(), parameters.arity(), parameters.defaultValue(),
                    parameters.description(), parameters.hidden(), positionalRequired(parameters.arity(), field));
        }
    }

    /** The attributes options and positional parameters share, then the field's binding. */
    private void argument(String builder, VariableElement field, String access, String paramLabel, String arity,
                          String defaultValue, String[] description, boolean hidden, boolean required)
            throws UnsupportedException {
        build.append("        ").append(builder);
        // Without a label, picocli's annotation reading names the value after the field ({@code <detach>}).
        String label = paramLabel.isEmpty() ? "<" + field.getSimpleName() + ">" : paramLabel;
        build.append("\n                .paramLabel(").append(Literals.string(label)).append(")");
        optional(".arity", arity, "");
        optional(".defaultValue", defaultValue, "__no_default_value__");
        if (description.length > 0) {
            build.append("\n                .description(").append(Literals.strings(description)).append(")");
        }
        if (hidden) {
            build.append("\n                .hidden(true)");
        }
        if (required) {
            build.append("\n                .required(true)");
        }
        binding(field, access);
        build.append(".build());\n");
    }

    /**
     * Picocli's annotation reading makes a positional parameter required when its arity asks for at least one
     * value; without an arity, a single value is required and a list is not.
     */
    private boolean positionalRequired(String arity, VariableElement field) {
        if (arity.isEmpty()) {
            return !isMultiValue(field.asType());
        }
        String min = arity.contains("..") ? arity.substring(0, arity.indexOf("..")) : arity;
        return !min.equals("*") && Integer.parseInt(min.trim()) > 0;
    }

    private boolean isMultiValue(TypeMirror type) {
        if (type.getKind() == TypeKind.ARRAY) {
            return true;
        }
        if (type.getKind() != TypeKind.DECLARED) {
            return false;
        }
        var types = environment.getTypeUtils();
        var elements = environment.getElementUtils();
        TypeMirror erased = types.erasure(type);
        return types.isAssignable(erased, types.erasure(elements.getTypeElement("java.util.Collection").asType()))
                || types.isAssignable(erased, types.erasure(elements.getTypeElement("java.util.Map").asType()));
    }

    private void optional(String method, String value, String unset) {
        if (!value.equals(unset)) {
            build.append("\n                ").append(method).append("(").append(Literals.string(value)).append(")");
        }
    }

    /** The field's type as picocli's annotation reading finds it, its initial value, and its getter and setter. */
    private void binding(VariableElement field, String access) throws UnsupportedException {
        TypeMirror fieldType = field.asType();
        String typeLiteral;
        String castType;
        List<String> auxiliary = new ArrayList<>();
        if (fieldType.getKind().isPrimitive()) {
            typeLiteral = fieldType + ".class";
            castType = environment.getTypeUtils().boxedClass((javax.lang.model.type.PrimitiveType) fieldType)
                    .getQualifiedName().toString();
        } else if (fieldType.getKind() == TypeKind.DECLARED) {
            DeclaredType declared = (DeclaredType) fieldType;
            typeLiteral = environment.getTypeUtils().erasure(fieldType) + ".class";
            castType = fieldType.toString();
            for (TypeMirror argument : declared.getTypeArguments()) {
                if (argument.getKind() != TypeKind.DECLARED || !((DeclaredType) argument).getTypeArguments().isEmpty()) {
                    throw new UnsupportedException(field, "only type arguments that are plain classes are supported");
                }
                auxiliary.add(environment.getTypeUtils().erasure(argument) + ".class");
            }
        } else {
            throw new UnsupportedException(field, "fields of type " + fieldType + " are not supported");
        }
        int number = getters.size();
        build.append("\n                .type(").append(typeLiteral).append(")");
        if (!auxiliary.isEmpty()) {
            build.append("\n                .auxiliaryTypes(").append(String.join(", ", auxiliary)).append(")");
        }
        String accessor = "new " + simpleName + SUFFIX + "(command, " + number + ")";
        build.append("\n                .initialValue(").append(access).append(")")
                .append("\n                .hasInitialValue(true)")
                .append("\n                .getter(").append(accessor).append(")")
                .append("\n                .setter(").append(accessor).append(")");
        getters.add("            case " + number + ":\n                return (T) (Object) " + access + ";\n");
        setters.add("            case " + number + ": {\n"
                + "                T previous = (T) (Object) " + access + ";\n"
                + "                " + access + " = (" + castType + ") value;\n"
                + "                return previous;\n"
                + "            }\n");
    }

    private static void requireNotFinal(VariableElement field, boolean isFinal) throws UnsupportedException {
        if (isFinal) {
            throw new UnsupportedException(field, "picocli sets this field, so it cannot be final");
        }
    }

    private static void checkAttributes(Element element, Class<? extends Annotation> annotation, Set<String> supported)
            throws UnsupportedException {
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (!((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().contentEquals(
                    annotation.getCanonicalName())) {
                continue;
            }
            List<String> unsupported = mirror.getElementValues().keySet().stream()
                    .map(attribute -> attribute.getSimpleName().toString())
                    .filter(attribute -> !supported.contains(attribute))
                    .collect(Collectors.toList());
            if (!unsupported.isEmpty()) {
                throw new UnsupportedException(element, "the generated picocli model does not carry "
                        + unsupported + " of @" + annotation.getSimpleName() + ": teach CommandSpecProcessor");
            }
        }
    }

    private String text(String name) {
        StringBuilder out = new StringBuilder();
        if (!packageName.isEmpty()) {
            out.append("package ").append(packageName).append(";\n\n");
        }
        out.append("/** The picocli model of {@link ").append(simpleName).append("}, written from its annotations. */\n")
                .append("@javax.annotation.processing.Generated(\"").append(CommandSpecProcessor.class.getName())
                .append("\")\n")
                .append("public final class ").append(name).append(" implements ").append(PICOCLI)
                .append(".Model.IGetter, ").append(PICOCLI).append(".Model.ISetter {\n\n")
                .append("    private final ").append(simpleName).append(" command;\n")
                .append("    private final int field;\n\n")
                .append("    private ").append(name).append("(").append(simpleName).append(" command, int field) {\n")
                .append("        this.command = command;\n        this.field = field;\n    }\n\n")
                .append("    /** The model of {@code command}; {@code factory} makes the mixins it does not hold yet. */\n")
                .append("    public static ").append(PICOCLI).append(".Model.CommandSpec of(").append(simpleName)
                .append(" command, ").append(PICOCLI).append(".IFactory factory) throws Exception {\n")
                .append("        ").append(PICOCLI).append(".Model.CommandSpec spec = ").append(PICOCLI)
                .append(".Model.CommandSpec.wrapWithoutInspection(command, factory);\n")
                .append(build)
                .append("        return spec;\n    }\n\n")
                .append("    @Override\n    @SuppressWarnings(\"unchecked\")\n    public <T> T get() {\n")
                .append("        switch (field) {\n");
        getters.forEach(out::append);
        out.append("            default:\n                throw new IllegalStateException(\"no field \" + field);\n")
                .append("        }\n    }\n\n")
                .append("    @Override\n    @SuppressWarnings(\"unchecked\")\n    public <T> T set(T value) {\n")
                .append("        switch (field) {\n");
        setters.forEach(out::append);
        out.append("            default:\n                throw new IllegalStateException(\"no field \" + field);\n")
                .append("        }\n    }\n}\n");
        return out.toString();
    }
}
