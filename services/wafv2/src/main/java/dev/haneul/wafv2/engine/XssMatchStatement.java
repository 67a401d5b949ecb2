package dev.haneul.wafv2.engine;

import dev.haneul.wafv2.engine.InspectionRecord.MatchDetail;
import dev.haneul.wafv2.engine.detect.XssDetector;
import java.util.List;

/** {@code XssMatchStatement}: cross-site scripting in the transformed content. */
final class XssMatchStatement implements Statement {

    private final FieldToMatch field;
    private final Transforms transforms;

    XssMatchStatement(FieldToMatch field, Transforms transforms) {
        this.field = field;
        this.transforms = transforms;
    }

    @Override
    public boolean matches(Evaluation ev) {
        List<String> values = ev.contents(field, transforms);
        if (values == null) {
            return ev.forcedMatch();
        }
        for (int i = 0; i < values.size(); i++) {
            String found = XssDetector.detect(values.get(i));
            if (found != null) {
                ev.details.add(new MatchDetail("XSS", field.location(), List.of(found), null));
                return true;
            }
        }
        return false;
    }
}
