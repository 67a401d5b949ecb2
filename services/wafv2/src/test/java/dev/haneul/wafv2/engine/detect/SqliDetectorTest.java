package dev.haneul.wafv2.engine.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqliDetectorTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "1' OR 1=1--", "' or '1'='1", "admin'--", "admin' #", "') or ('a'='a", "1 OR 1=1", "1) or (1=1",
        "1 UNION SELECT username, password FROM users", "' UNION ALL SELECT NULL,NULL--", "1/*!50000union*/ /*!50000select*/ 1",
        "'; DROP TABLE users; --", "1; waitfor delay '0:0:5'--", "1 AND SLEEP(5)", "' and sleep(5) and '1'='1",
        "1' AND extractvalue(1,concat(0x7e,version()))--", "x' AND 1=(SELECT COUNT(*) FROM tabname); --",
        "' or 1=1 limit 1 -- -+", "1 and (select 1 from information_schema.tables)", "' into outfile '/tmp/x",
        "SELECT * FROM users WHERE id=1", "1' order by 3--", "1 AnD 1=1", "' OR 'x'='x", "\" or \"\"=\"",
        "1 or benchmark(10000000,MD5(1))#", "-1 union select 1,2,3", "1' and ascii(substring(user(),1,1))>64--",
        "'; exec master..xp_cmdshell 'ping 10.10.1.2'--", "1 or pg_sleep(5)--", "' || '1'='1",
        "admin'/*", "1' or true--", "' having 1=1--", "'='", "1 and exists(select * from users)",
        "var=1234 OR 1=1", "id=OR '{\"b\":2}'::jsonb <@ '{\"a\":1, \"b\":2}'::jsonb"
    })
    void detectsInjections(String attack) {
        assertThat(SqliDetector.detect(attack, false)).as(attack).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "O'Brien", "it's a test", "rock 'n' roll", "Tom's and Jerry's", "students' and teachers' rooms",
        "1 or 2 bedrooms", "select a car", "union station", "drop shipping", "Please select your size",
        "Select one from the menu", "I'd like 2-3 items", "price < 100 and > 50", "hello world", "john@example.com",
        "2024-01-15", "a-b-c", "C:\\Program Files\\App", "{\"name\":\"O'Reilly\",\"qty\":2}", "Mother's Day sale -- 20% off",
        "/api/v1/users/123", "The union of sets A and B", "he said \"yes\" or \"no\"", "what's new? (and why)",
        "1+1=2", "x = y + z", "drop me a line", "Who's online?", "we can't -- won't", "id=5&sort=desc",
        "Order by phone", "create an account", "update your profile", "delete my account please",
        "it's 5 o'clock", "Mary's lamb; it's white", "ben & jerry's", "rock & roll",
        "comment=or 5-6 people", "title=1 or 2 rooms", "q=or 'best' offer"
    })
    void leavesBenignTextAlone(String benign) {
        assertThat(SqliDetector.detect(benign, false)).as(benign).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 and 2", "@@version", "abc' and x"})
    void highSensitivityFlagsWeakerShapes(String weak) {
        assertThat(SqliDetector.detect(weak, true)).as(weak).isNotNull();
    }
}
