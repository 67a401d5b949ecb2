package dev.haneul.wafv2.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.haneul.wafv2.engine.transform.TextTransformation;
import org.junit.jupiter.api.Test;

class TextTransformationTest {

    private static String t(TextTransformation t, String s) {
        return t.apply(s);
    }

    @Test
    void urlDecodes() {
        assertThat(t(TextTransformation.URL_DECODE, "a%20b+c%27%zz")).isEqualTo("a b c'%zz");
        assertThat(t(TextTransformation.URL_DECODE_UNI, "%u0027%uFF1C")).isEqualTo("'<");
    }

    @Test
    void htmlEntities() {
        assertThat(t(TextTransformation.HTML_ENTITY_DECODE, "&lt;script&gt;&#x41;&#66;&quot;&amp;&nbsp;x"))
                .isEqualTo("<script>AB\"&\u00a0x");
        assertThat(t(TextTransformation.HTML_ENTITY_DECODE, "AT&T &unknown;")).isEqualTo("AT&T &unknown;");
    }

    @Test
    void whitespaceAndCase() {
        assertThat(t(TextTransformation.COMPRESS_WHITE_SPACE, "a \t\n b\u00a0c")).isEqualTo("a b c");
        assertThat(t(TextTransformation.LOWERCASE, "SeLeCt")).isEqualTo("select");
        assertThat(t(TextTransformation.UPPERCASE, "abc")).isEqualTo("ABC");
        assertThat(t(TextTransformation.REMOVE_WHITESPACE, " a b\tc ")).isEqualTo("abc");
        assertThat(t(TextTransformation.TRIM, "  ab  ")).isEqualTo("ab");
        assertThat(t(TextTransformation.TRIM_LEFT, "  ab  ")).isEqualTo("ab  ");
        assertThat(t(TextTransformation.TRIM_RIGHT, "  ab  ")).isEqualTo("  ab");
    }

    @Test
    void cmdLine() {
        assertThat(t(TextTransformation.CMD_LINE, "C^:\\WIN\"DOWS\\sys'tem32 , /c")).isEqualTo("c:windowssystem32/c");
        assertThat(t(TextTransformation.CMD_LINE_UNIX, "c\\a\"t /etc/pa'ss'wd")).isEqualTo("cat/etc/passwd");
    }

    @Test
    void base64AndHex() {
        assertThat(t(TextTransformation.BASE64_DECODE, "c2VsZWN0")).isEqualTo("select");
        assertThat(t(TextTransformation.BASE64_DECODE_EXT, "c2V.sZW*N0")).isEqualTo("select");
        assertThat(t(TextTransformation.HEX_DECODE, "414243")).isEqualTo("ABC");
        assertThat(t(TextTransformation.SQL_HEX_DECODE, "select 0x414243 from")).isEqualTo("select ABC from");
    }

    @Test
    void escapes() {
        assertThat(t(TextTransformation.ESCAPE_SEQ_DECODE, "a\\x41\\n\\101\\q")).isEqualTo("aA\nA\\q");
        assertThat(t(TextTransformation.JS_DECODE, "\\u003cscript\\x3e\\'")).isEqualTo("<script>'");
        assertThat(t(TextTransformation.CSS_DECODE, "ja\\vascript\\3a ")).isEqualTo("javascript:");
    }

    @Test
    void paths() {
        assertThat(t(TextTransformation.NORMALIZE_PATH, "/a//b/./c/../d")).isEqualTo("/a/b/d");
        assertThat(t(TextTransformation.NORMALIZE_PATH, "/../../etc/passwd")).isEqualTo("/etc/passwd");
        assertThat(t(TextTransformation.NORMALIZE_PATH_WIN, "\\a\\..\\b")).isEqualTo("/b");
    }

    @Test
    void nullsAndComments() {
        assertThat(t(TextTransformation.REMOVE_NULLS, "a\0b")).isEqualTo("ab");
        assertThat(t(TextTransformation.REPLACE_NULLS, "a\0b")).isEqualTo("a b");
        assertThat(t(TextTransformation.REPLACE_COMMENTS, "un/**/ion/* x")).isEqualTo("un ion ");
        assertThat(t(TextTransformation.REMOVE_COMMENTS_CHAR, "a/*b*/c--d#")).isEqualTo("abcd");
    }

    @Test
    void hashesAndUnicode() {
        assertThat(t(TextTransformation.MD5, "a")).hasSize(16);
        assertThat(t(TextTransformation.SHA256, "a")).hasSize(32);
        assertThat(t(TextTransformation.UTF8_TO_UNICODE, "\u00c3\u00a9")).isEqualTo("%u00e9");
    }
}
