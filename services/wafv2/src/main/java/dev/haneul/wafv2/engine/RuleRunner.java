package dev.haneul.wafv2.engine;

import dev.haneul.wafv2.engine.InspectionRecord.MatchDetail;
import dev.haneul.wafv2.engine.InspectionRecord.RuleGroupEntry;
import dev.haneul.wafv2.engine.InspectionRecord.RuleMatch;
import dev.haneul.wafv2.engine.InspectionRecord.TokenResponse;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Runs a web ACL's rules over one request, in priority order, rule groups in place, and stops at
 * the first terminating action: AWS's processing order. Collects what the log record needs.
 */
final class RuleRunner {

    /** The outcome of a run. */
    static final class Outcome {
        @Nullable Rule terminatingRule;
        @Nullable Rule terminatingInner;
        @Nullable RuleGroupProgram terminatingGroup;
        @Nullable RuleAction action;
        @Nullable String overriddenAction;
        List<MatchDetail> terminatingDetails = List.of();
        final List<RuleMatch> nonTerminating = new ArrayList<>(2);
        final List<RuleGroupEntry> groups = new ArrayList<>(1);
        final List<String> insertHeaders = new ArrayList<>(2);
        final List<String> metricNames = new ArrayList<>(2);
        @Nullable TokenResponse captcha;
        @Nullable TokenResponse challenge;
        /** A CAPTCHA/Challenge that sent its interstitial. */
        boolean interstitial;
    }

    private final TokenPolicy tokens;

    /** The web ACL's token settings: immunity times of CAPTCHA and Challenge. */
    record TokenPolicy(long captchaImmunity, long challengeImmunity) {
    }

    RuleRunner(TokenPolicy tokens) {
        this.tokens = tokens;
    }

    Outcome run(List<Rule> rules, String namespace, Evaluation ev) {
        Outcome out = new Outcome();
        for (Rule rule : rules) {
            ev.namespace = namespace;
            Rule.GroupReference ref = rule.group();
            if (ref != null) {
                if (runGroup(rule, ref, ev, out)) {
                    return out;
                }
                continue;
            }
            ev.details.clear();
            Statement statement = rule.statement();
            if (statement == null || !statement.matches(ev)) {
                continue;
            }
            ev.labels.addAll(rule.labels());
            if (apply(rule, null, null, rule.action(), null, ev, out, null)) {
                return out;
            }
        }
        return out;
    }

    /** Runs a rule group in place; true when it terminated the web ACL's evaluation. */
    private boolean runGroup(Rule outer, Rule.GroupReference ref, Evaluation ev, Outcome out) {
        if (ref.scopeDown() != null && !ref.scopeDown().matches(ev)) {
            return false;
        }
        RuleGroupProgram group = ref.program();
        List<RuleMatch> groupMatches = new ArrayList<>(1);
        List<RuleMatch> excluded = new ArrayList<>(0);
        RuleMatch terminating = null;
        boolean terminated = false;
        for (Rule rule : group.rules()) {
            ev.namespace = group.namespace();
            ev.details.clear();
            Statement statement = rule.statement();
            if (statement == null || !statement.matches(ev)) {
                continue;
            }
            ev.labels.addAll(rule.labels());
            RuleAction override = ref.overrides().get(rule.name());
            RuleAction action = override != null ? override : rule.action();
            String overridden = override != null ? rule.action().type().name() : null;
            List<MatchDetail> details = List.copyOf(ev.details);
            if (ref.overrideCount() && action.type() != RuleAction.Type.COUNT) {
                // OverrideAction Count: the group stops where it would have terminated, and the
                // web ACL only counts it (labels stay).
                terminating = new RuleMatch(rule.name(), action.type().name(), details, overridden);
                out.nonTerminating.add(new RuleMatch(outer.name(), "COUNT", details, action.type().name()));
                out.metricNames.add(rule.metricName());
                out.metricNames.add(outer.metricName());
                break;
            }
            if (override != null && override.type() == RuleAction.Type.COUNT) {
                excluded.add(new RuleMatch(rule.name(), "COUNT", details, overridden));
            }
            if (apply(outer, rule, group, action, overridden, ev, out, groupMatches)) {
                terminating = new RuleMatch(rule.name(), action.type().name(), details, overridden);
                terminated = true;
                break;
            }
        }
        if (terminating != null || !groupMatches.isEmpty() || !excluded.isEmpty()) {
            out.groups.add(new RuleGroupEntry(group.ruleGroupId(), terminating, groupMatches, excluded));
        }
        return terminated;
    }

    /**
     * Applies a matched rule's action; true when it terminates. {@code inner} is the matched rule
     * inside {@code group} (null for a web ACL rule).
     */
    private boolean apply(Rule outer, @Nullable Rule inner, @Nullable RuleGroupProgram group, RuleAction action,
                          @Nullable String overridden, Evaluation ev, Outcome out, @Nullable List<RuleMatch> groupMatches) {
        Rule matched = inner != null ? inner : outer;
        List<MatchDetail> details = List.copyOf(ev.details);
        switch (action.type()) {
            case ALLOW, BLOCK -> {
                terminate(out, outer, inner, group, action, overridden, details);
                return true;
            }
            case CAPTCHA, CHALLENGE -> {
                boolean captcha = action.type() == RuleAction.Type.CAPTCHA;
                TokenService.Token token = TokenService.read(ev.request);
                long solved = token == null ? 0 : captcha ? token.captchaSolved() : token.challengeSolved();
                long immunity = action.immunitySeconds() > 0 ? action.immunitySeconds()
                        : captcha ? tokens.captchaImmunity() : tokens.challengeImmunity();
                long now = ev.nowMillis / 1000;
                String failure = token == null ? "TOKEN_MISSING" : solved == 0 ? "TOKEN_INVALID"
                        : now - solved > immunity ? "TOKEN_EXPIRED" : null;
                ev.labels.add(failure == null ? "awswaf:managed:token:accepted"
                        : token == null ? "awswaf:managed:token:absent" : "awswaf:managed:token:rejected");
                TokenResponse response = new TokenResponse(failure == null ? 0 : captcha ? 405 : 202, solved, failure);
                if (captcha) {
                    out.captcha = response;
                } else {
                    out.challenge = response;
                }
                if (failure != null) {
                    out.interstitial = true;
                    terminate(out, outer, inner, group, action, overridden, details);
                    return true;
                }
                count(out, matched, action, overridden, details, groupMatches);
                return false;
            }
            default -> {
                count(out, matched, action, overridden, details, groupMatches);
                return false;
            }
        }
    }

    private static void count(Outcome out, Rule matched, RuleAction action, @Nullable String overridden,
                              List<MatchDetail> details, @Nullable List<RuleMatch> groupMatches) {
        RuleMatch match = new RuleMatch(matched.name(), action.type().name(), details, overridden);
        if (groupMatches != null) {
            groupMatches.add(match);
        } else {
            out.nonTerminating.add(match);
        }
        out.insertHeaders.addAll(action.insertHeaders());
        out.metricNames.add(matched.metricName());
    }

    private static void terminate(Outcome out, Rule outer, @Nullable Rule inner, @Nullable RuleGroupProgram group,
                                  RuleAction action, @Nullable String overridden, List<MatchDetail> details) {
        out.terminatingRule = outer;
        out.terminatingInner = inner;
        out.terminatingGroup = group;
        out.action = action;
        out.overriddenAction = overridden;
        out.terminatingDetails = details;
        out.metricNames.add((inner != null ? inner : outer).metricName());
        if (inner != null) {
            out.metricNames.add(outer.metricName());
        }
        if (action.type() == RuleAction.Type.ALLOW) {
            out.insertHeaders.addAll(action.insertHeaders());
        }
    }
}
