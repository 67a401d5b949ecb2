package dev.haneul.wafv2.engine.transform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One AWS WAF text transformation. Input and output are Latin-1 strings (one char per byte), so a
 * decode that yields bytes yields chars 0..255 and no charset guessing happens on the hot path.
 * Semantics follow the WAF developer guide (waf-rule-statement-transformation); where the guide
 * is silent (CMD_LINE_WIN/UNIX, JS_DECODE_EXT, REMOVE_COMMENTS_CHAR) the ModSecurity
 * transformation of the same name is the model, as recorded in docs/waf.md.
 */
public enum TextTransformation {
    NONE {
        @Override
        public String apply(String s) {
            return s;
        }
    },
    COMPRESS_WHITE_SPACE {
        @Override
        public String apply(String s) {
            StringBuilder out = null;
            boolean space = false;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b || c == 0xa0;
                if (ws) {
                    if (out == null && (c != ' ' || space)) {
                        out = new StringBuilder(s.length()).append(s, 0, i);
                    }
                    if (out != null && !space) {
                        out.append(' ');
                    }
                    space = true;
                } else {
                    if (out != null) {
                        out.append(c);
                    }
                    space = false;
                }
            }
            return out == null ? s : out.toString();
        }
    },
    HTML_ENTITY_DECODE {
        @Override
        public String apply(String s) {
            return s.indexOf('&') < 0 ? s : Decoders.htmlEntityDecode(s);
        }
    },
    LOWERCASE {
        @Override
        public String apply(String s) {
            return Decoders.asciiLower(s);
        }
    },
    UPPERCASE {
        @Override
        public String apply(String s) {
            return Decoders.asciiUpper(s);
        }
    },
    CMD_LINE {
        @Override
        public String apply(String s) {
            return Decoders.cmdLine(s, true, true);
        }
    },
    CMD_LINE_WIN {
        @Override
        public String apply(String s) {
            return Decoders.cmdLine(s, true, true);
        }
    },
    CMD_LINE_UNIX {
        @Override
        public String apply(String s) {
            // Unix shells: quotes and backslashes are removable noise, ^ is an ordinary character.
            return Decoders.cmdLine(s, false, true);
        }
    },
    URL_DECODE {
        @Override
        public String apply(String s) {
            return s.indexOf('%') < 0 && s.indexOf('+') < 0 ? s : Decoders.urlDecode(s, false);
        }
    },
    URL_DECODE_UNI {
        @Override
        public String apply(String s) {
            return s.indexOf('%') < 0 && s.indexOf('+') < 0 ? s : Decoders.urlDecode(s, true);
        }
    },
    BASE64_DECODE {
        @Override
        public String apply(String s) {
            return Decoders.base64Decode(s, false);
        }
    },
    BASE64_DECODE_EXT {
        @Override
        public String apply(String s) {
            return Decoders.base64Decode(s, true);
        }
    },
    HEX_DECODE {
        @Override
        public String apply(String s) {
            return Decoders.hexDecode(s);
        }
    },
    SQL_HEX_DECODE {
        @Override
        public String apply(String s) {
            return Decoders.sqlHexDecode(s);
        }
    },
    ESCAPE_SEQ_DECODE {
        @Override
        public String apply(String s) {
            return s.indexOf('\\') < 0 ? s : Decoders.escapeSeqDecode(s);
        }
    },
    CSS_DECODE {
        @Override
        public String apply(String s) {
            return s.indexOf('\\') < 0 ? s : Decoders.cssDecode(s);
        }
    },
    JS_DECODE {
        @Override
        public String apply(String s) {
            return s.indexOf('\\') < 0 ? s : Decoders.jsDecode(s, false);
        }
    },
    JS_DECODE_EXT {
        @Override
        public String apply(String s) {
            return s.indexOf('\\') < 0 ? s : Decoders.jsDecode(s, true);
        }
    },
    NORMALIZE_PATH {
        @Override
        public String apply(String s) {
            return Decoders.normalizePath(s, false);
        }
    },
    NORMALIZE_PATH_WIN {
        @Override
        public String apply(String s) {
            return Decoders.normalizePath(s, true);
        }
    },
    REMOVE_NULLS {
        @Override
        public String apply(String s) {
            return s.indexOf('\0') < 0 ? s : s.replace("\0", "");
        }
    },
    REPLACE_NULLS {
        @Override
        public String apply(String s) {
            return s.replace('\0', ' ');
        }
    },
    REPLACE_COMMENTS {
        @Override
        public String apply(String s) {
            return s.indexOf("/*") < 0 ? s : Decoders.replaceComments(s);
        }
    },
    REMOVE_COMMENTS_CHAR {
        @Override
        public String apply(String s) {
            return Decoders.removeCommentChars(s);
        }
    },
    REMOVE_WHITESPACE {
        @Override
        public String apply(String s) {
            StringBuilder out = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (!Decoders.isSpace(c)) {
                    out.append(c);
                }
            }
            return out.length() == s.length() ? s : out.toString();
        }
    },
    TRIM {
        @Override
        public String apply(String s) {
            return TRIM_RIGHT.apply(TRIM_LEFT.apply(s));
        }
    },
    TRIM_LEFT {
        @Override
        public String apply(String s) {
            int i = 0;
            while (i < s.length() && Decoders.isSpace(s.charAt(i))) {
                i++;
            }
            return s.substring(i);
        }
    },
    TRIM_RIGHT {
        @Override
        public String apply(String s) {
            int i = s.length();
            while (i > 0 && Decoders.isSpace(s.charAt(i - 1))) {
                i--;
            }
            return s.substring(0, i);
        }
    },
    UTF8_TO_UNICODE {
        @Override
        public String apply(String s) {
            return Decoders.utf8ToUnicode(s);
        }
    },
    MD5 {
        @Override
        public String apply(String s) {
            return digest("MD5", s);
        }
    },
    SHA256 {
        @Override
        public String apply(String s) {
            return digest("SHA-256", s);
        }
    };

    /** Transforms Latin-1 content. */
    public abstract String apply(String s);

    /** The transformation named as in AWS's enum, or null. */
    public static @Nullable TextTransformation byName(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String digest(String algorithm, String s) {
        try {
            byte[] hash = MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.ISO_8859_1));
            return new String(hash, StandardCharsets.ISO_8859_1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
