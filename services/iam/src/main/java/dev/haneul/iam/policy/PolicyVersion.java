package dev.haneul.iam.policy;

/** The policy language version ({@code Version} element); only 2012-10-17 has policy variables. */
public enum PolicyVersion {
    V2008_10_17("2008-10-17"),
    V2012_10_17("2012-10-17");

    private final String text;

    PolicyVersion(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public boolean hasVariables() {
        return this == V2012_10_17;
    }
}
