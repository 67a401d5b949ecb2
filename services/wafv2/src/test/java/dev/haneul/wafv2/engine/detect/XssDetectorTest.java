package dev.haneul.wafv2.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XssDetectorTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "<script>alert(1)</script>", "<ScRiPt src=//evil.example/x.js>", "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>", "<svg/onload=alert(1)>", "<body onload=alert('x')>", "<iframe src=javascript:alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>", "<a href=\"jav\tascript:alert(1)\">", "javascript:alert(document.cookie)",
        "\" onmouseover=\"alert(1)", "' onfocus='alert(1)' autofocus='", "x onerror=alert(1)", "<object data=x>",
        "<embed src=x.swf>", "<meta http-equiv=refresh content=0;url=javascript:alert(1)>", "<base href=//evil>",
        "<div style=\"width: expression(alert(1))\">", "<details open ontoggle=alert(1)>", "<input autofocus onfocus=alert(1)>",
        "<a href=data:text/html;base64,PHNjcmlwdD4=>", "<style>@import 'x'</style>", "<math><a xlink:href=javascript:alert(1)>",
        "<video><source onerror=alert(1)>", "<![CDATA[<script>]]>", "vbscript:msgbox(1)",
        "<v:vmlframe src=\"foo.com/sup.fml\"/>", "<:vmlframe src=", "alert(1)", "eval`code`",
        "a=document /*foo*/ . cookie", "(document)[\"cookie\"]", "window[\"alert\"](1)", "x=x:url(javascript",
        "style=-moz-binding:url(http://example.com/xss.xml#xss)"
    })
    void detectsXss(String attack) {
        assertThat(XssDetector.detect(attack)).as(attack).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "hello world", "a < b and c > d", "I <3 you", "<b>bold</b>", "<p class=\"x\">text</p>", "2 < 3",
        "mailto:me@example.com", "https://example.com/a?b=c", "time is 10:30", "status online=true",
        "{\"html\":\"<em>hi</em>\"}", "see <https://example.com>", "x=1&y=2", "javascript is fun",
        "<a href=\"https://example.com\">link</a>", "note: remember", "<img src=\"cat.png\" alt=\"cat\">",
        "one=two", "function(x) { return x; }", "/docs/javascript-manual/document.cookie", "set an alert (daily)",
        "the document (draft) is ready", "arr[0] = evaluation(x)"
    })
    void leavesBenignTextAlone(String benign) {
        assertThat(XssDetector.detect(benign)).as(benign).isNull();
    }
}
