package dev.haneul.wafv2.engine;

/**
 * {@code LabelMatchStatement}: a label added by an earlier rule. A key that is not fully qualified
 * (does not start with {@code awswaf:}) matches labels ending with it at a component boundary,
 * which covers the name alone and the name with some of its namespaces; scope NAMESPACE matches
 * labels under the namespace.
 */
final class LabelMatchStatement implements Statement {

    private final boolean namespace;
    private final String key;

    LabelMatchStatement(boolean namespace, String key) {
        this.namespace = namespace;
        this.key = namespace && !key.endsWith(":") ? key + ":" : key;
    }

    @Override
    public boolean matches(Evaluation ev) {
        for (String label : ev.labels) {
            if (namespace ? matchesNamespace(label) : matchesLabel(label)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesLabel(String label) {
        return label.equals(key) || label.endsWith(key) && label.charAt(label.length() - key.length() - 1) == ':';
    }

    private boolean matchesNamespace(String label) {
        if (label.startsWith(key)) {
            return true;
        }
        int at = label.indexOf(":" + key);
        return at >= 0 && !key.startsWith("awswaf:");
    }
}
