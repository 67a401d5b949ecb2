package dev.haneul.wafv2.engine;

import dev.haneul.wafv2.engine.InspectionRecord.MatchDetail;
import dev.haneul.wafv2.engine.detect.SqliDetector;
import java.util.List;

/** {@code SqliMatchStatement}: SQL injection in the transformed content, at LOW or HIGH sensitivity. */
final class SqliMatchStatement implements Statement {

    private final FieldToMatch field;
    private final Transforms transforms;
    private final boolean high;

    SqliMatchStatement(FieldToMatch field, Transforms transforms, boolean high) {
        this.field = field;
        this.transforms = transforms;
        this.high = high;
    }

    @Override
    public boolean matches(Evaluation ev) {
        List<String> values = ev.contents(field, transforms);
        if (values == null) {
            return ev.forcedMatch();
        }
        for (int i = 0; i < values.size(); i++) {
            String found = SqliDetector.detect(values.get(i), high);
            if (found != null) {
                ev.details.add(new MatchDetail("SQL_INJECTION", field.location(), List.of(found),
                        high ? "HIGH" : "LOW"));
                return true;
            }
        }
        return false;
    }
}
