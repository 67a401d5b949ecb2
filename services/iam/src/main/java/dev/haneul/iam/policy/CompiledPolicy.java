package dev.haneul.iam.policy;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A policy parsed and compiled once, evaluated many times: every glob, ARN pattern and condition
 * value is prepared here, so a decision does no parsing and compiles nothing. Immutable and safe to
 * share between threads.
 */
public final class CompiledPolicy {

    private final PolicySource source;
    private final PolicyDocument document;
    private final CompiledStatement[] statements;
    /** Per lower-case service prefix, the statements that can apply to its actions, in order. */
    private final Map<String, CompiledStatement[]> byService;
    /** The statements that can apply to any service ({@code *}, {@code NotAction}). */
    private final CompiledStatement[] anyService;

    private CompiledPolicy(PolicySource source, PolicyDocument document) {
        this.source = requireNonNull(source, "source");
        this.document = requireNonNull(document, "document");
        boolean variables = document.version().hasVariables();
        List<PolicyDocument.Statement> list = document.statements();
        this.statements = new CompiledStatement[list.size()];
        for (int i = 0; i < statements.length; i++) {
            statements[i] = new CompiledStatement(list.get(i), i, variables);
        }
        Set<String> prefixes = new LinkedHashSet<>();
        for (CompiledStatement statement : statements) {
            if (statement.services() != null) {
                prefixes.addAll(statement.services());
            }
        }
        Map<String, CompiledStatement[]> index = new HashMap<>();
        for (String prefix : prefixes) {
            index.put(prefix, Arrays.stream(statements)
                    .filter(s -> s.services() == null || s.services().contains(prefix))
                    .toArray(CompiledStatement[]::new));
        }
        this.byService = Map.copyOf(index);
        this.anyService = Arrays.stream(statements).filter(s -> s.services() == null)
                .toArray(CompiledStatement[]::new);
    }

    public static CompiledPolicy compile(PolicyDocument document, PolicySource source) {
        return new CompiledPolicy(source, document);
    }

    /** Parses, validates and compiles; throws {@link MalformedPolicyDocumentException}. */
    public static CompiledPolicy parse(String json, PolicyType type, PolicySource source) {
        return new CompiledPolicy(source, PolicyParser.parse(json, type));
    }

    public PolicySource source() {
        return source;
    }

    public PolicyDocument document() {
        return document;
    }

    CompiledStatement[] statements() {
        return statements;
    }

    /**
     * The statements that may cover an action of {@code servicePrefix} (lower case), in document
     * order: an index built at compile time so a decision skips other services' statements.
     */
    CompiledStatement[] candidates(String servicePrefix) {
        CompiledStatement[] candidates = byService.get(servicePrefix);
        return candidates != null ? candidates : anyService;
    }

    /**
     * The condition keys the policy reads, in its order: every condition's key and every key used
     * as a policy variable (what {@code GetContextKeysFor*Policy} answers).
     */
    public Set<String> contextKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        Consumer<String> add = key -> keys.putIfAbsent(key.toLowerCase(Locale.ROOT), key);
        for (PolicyDocument.Statement statement : document.statements()) {
            boolean variables = document.version().hasVariables();
            List<String> texts = new ArrayList<>();
            if (statement.resources() != null) {
                texts.addAll(statement.resources());
            }
            for (PolicyDocument.ConditionEntry condition : statement.conditions()) {
                add.accept(condition.key());
                texts.addAll(condition.values());
            }
            for (String text : texts) {
                Template.parse(text, variables).forEachVariableKey(add);
            }
        }
        return new LinkedHashSet<>(keys.values());
    }

    @Override
    public String toString() {
        return source.id();
    }
}
