package dev.haneul.wafv2.engine.detect;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The SQL words the tokenizer knows (MySQL, PostgreSQL, MSSQL, Oracle, SQLite), by token type. */
final class SqlKeywords {

    static final Map<String, Character> TYPES = new HashMap<>();

    /** The length of the longest word in {@link #TYPES}: longer words are names. */
    static final int LONGEST;

    /** {@link #TYPES} as an open-addressed table probed without making an upper-case copy of the word. */
    private static final @Nullable String[] TABLE_WORDS;
    private static final char[] TABLE_TYPES;

    /** Functions an injection uses for timing, file access, error-based extraction or command execution. */
    static final Set<String> DANGEROUS_FUNCTIONS = Set.of("SLEEP", "BENCHMARK", "PG_SLEEP", "LOAD_FILE", "EXTRACTVALUE",
            "UPDATEXML", "XP_CMDSHELL", "SYS_EVAL", "SYS_EXEC", "NAME_CONST", "DBMS_PIPE.RECEIVE_MESSAGE",
            "UTL_INADDR.GET_HOST_ADDRESS", "UTL_HTTP.REQUEST", "PG_READ_FILE", "PG_LS_DIR", "RANDOMBLOB",
            "DBMS_LOCK.SLEEP", "GTID_SUBSET", "EXP", "JSON_KEYS", "LO_IMPORT", "CTXSYS.DRITHSX.SN", "XMLTYPE",
            "OPENROWSET", "OPENQUERY", "XP_DIRTREE", "XP_FILEEXIST", "SP_EXECUTESQL", "SP_OACREATE");

    /** SQL functions that are also common English words or everyday notation: not a call by themselves. */
    static final Set<String> ENGLISH_FUNCTIONS = Set.of("LEFT", "RIGHT", "FORMAT", "FIELD", "REPLACE", "TRIM",
            "LENGTH", "POSITION", "SPACE", "COUNT", "SUM", "MIN", "MAX", "LOWER", "UPPER", "USER", "CHAR", "IF", "ROW",
            "EXISTS", "REPEAT", "REVERSE", "NOW", "ABS", "DECODE", "CONVERT", "LEN", "MID", "RAND", "FLOOR");

    /** Catalogs an injection reads to map the database. */
    static final Set<String> CATALOGS = Set.of("INFORMATION_SCHEMA", "INFORMATION_SCHEMA.TABLES",
            "INFORMATION_SCHEMA.COLUMNS", "INFORMATION_SCHEMA.SCHEMATA", "SYSOBJECTS", "SYSCOLUMNS", "SYS.OBJECTS",
            "SYS.TABLES", "PG_CATALOG", "PG_TABLES", "PG_SHADOW", "PG_USER", "MYSQL.USER", "SQLITE_MASTER",
            "SQLITE_SCHEMA", "ALL_TABLES", "USER_TABLES", "DUAL", "MASTER..SYSDATABASES", "MSYSOBJECTS",
            "SYSIBM.SYSTABLES", "DBA_USERS", "ALL_USERS", "MASTER.DBO.SYSDATABASES", "TEMPDB", "MSDB", "MYSQL.DB",
            "MSYSACCESSOBJECTS", "SCHEMA_NAME", "NORTHWIND", "PG_NAMESPACE", "PG_PROC", "MSYSQUERIES");

    static {
        for (String w : new String[] {"SELECT", "INSERT", "UPDATE", "DELETE", "DROP", "CREATE", "ALTER", "TRUNCATE",
            "SHOW", "GRANT", "REVOKE", "RENAME", "HANDLER", "CALL", "SHUTDOWN", "MERGE", "UPSERT", "ATTACH"}) {
            TYPES.put(w, 'E');
        }
        for (String w : new String[] {"WAITFOR", "DECLARE", "EXEC", "EXECUTE", "OPENROWSET", "DBCC", "BACKUP"}) {
            TYPES.put(w, 'T');
        }
        TYPES.put("UNION", 'U');
        TYPES.put("INTERSECT", 'U');
        TYPES.put("EXCEPT", 'U');
        TYPES.put("MINUS", 'U');
        for (String w : new String[] {"AND", "OR", "XOR"}) {
            TYPES.put(w, '&');
        }
        for (String w : new String[] {"LIKE", "NOT", "IN", "BETWEEN", "IS", "DIV", "MOD", "REGEXP", "RLIKE", "SOUNDS",
            "COLLATE", "ESCAPE", "GLOB", "ILIKE", "SIMILAR", "MATCH", "AGAINST", "NOTNULL"}) {
            TYPES.put(w, 'o');
        }
        for (String w : new String[] {"ORDER", "GROUP", "LIMIT", "HAVING", "OFFSET", "PROCEDURE"}) {
            TYPES.put(w, 'B');
        }
        for (String w : new String[] {"FROM", "WHERE", "INTO", "VALUES", "SET", "TABLE", "DATABASE", "AS", "CASE",
            "WHEN", "THEN", "ELSE", "END", "TOP", "DISTINCT", "ALL", "OUTFILE", "DUMPFILE", "JOIN", "ON", "BY", "ASC",
            "DESC", "DEFAULT", "FOR", "PREPARE", "DEALLOCATE", "DELAY", "TIME", "BINARY", "COLUMN", "SCHEMA", "USING",
            "IF", "INDEX", "KEY", "PRIMARY", "LOCK", "TABLES"}) {
            TYPES.put(w, 'k');
        }
        for (String w : new String[] {"NULL", "TRUE", "FALSE"}) {
            TYPES.put(w, '1');
        }
        for (String w : new String[] {"CONCAT", "CONCAT_WS", "GROUP_CONCAT", "CHAR", "CHR", "ASCII", "SUBSTRING",
            "SUBSTR", "MID", "VERSION", "USER", "CURRENT_USER", "SYSTEM_USER", "SESSION_USER", "CAST", "CONVERT",
            "IFNULL", "ISNULL", "NULLIF", "COALESCE", "HEX", "UNHEX", "MD5", "SHA1", "LENGTH", "LEN", "ORD", "FLOOR",
            "RAND", "ELT", "MAKE_SET", "ROW", "COUNT", "SUM", "MIN", "MAX", "INSTR", "LOCATE", "POSITION", "LOWER",
            "UPPER", "REVERSE", "LEFT", "RIGHT", "TRIM", "REPLACE", "STRCMP", "SYSDATE", "NOW", "DB_NAME", "EXISTS",
            "JSON_EXTRACT", "SQLITE_VERSION", "TO_CHAR", "UTL_INADDR", "CURRENT_DATABASE", "PG_CLIENT_ENCODING",
            "ASCII_STR", "UNICODE", "NCHAR", "QUOTENAME", "FORMAT", "BIN", "OCT", "CONV", "ABS", "SPACE", "LPAD",
            "RPAD", "REPEAT", "CHAR_LENGTH", "IIF", "DECODE", "NVL", "RAWTOHEX", "TO_NUMBER", "XMLTYPE",
            "SUBSTRING_INDEX", "FIELD", "FIND_IN_SET", "BIT_LENGTH", "CRC32", "ROW_COUNT", "FOUND_ROWS", "LAST_INSERT_ID",
            "CONNECTION_ID", "SCHEMA_NAME", "HOST_NAME", "SUSER_NAME", "USER_NAME", "OBJECT_ID", "COL_NAME"}) {
            TYPES.put(w, 'f');
        }
        for (String w : DANGEROUS_FUNCTIONS) {
            TYPES.put(w, 'f');
        }
        TYPES.put("DATABASE", 'f');
        TYPES.put("SCHEMA", 'f');
        int longest = 0;
        for (String w : TYPES.keySet()) {
            longest = Math.max(longest, w.length());
        }
        LONGEST = longest;
        int size = Integer.highestOneBit(TYPES.size() * 4);
        TABLE_WORDS = new String[size];
        TABLE_TYPES = new char[size];
        for (Map.Entry<String, Character> e : TYPES.entrySet()) {
            String w = e.getKey();
            int i = foldedHash(w, 0, w.length()) & (size - 1);
            while (TABLE_WORDS[i] != null) {
                i = (i + 1) & (size - 1);
            }
            TABLE_WORDS[i] = w;
            TABLE_TYPES[i] = e.getValue();
        }
    }

    /** The type of the word {@code s[from, to)} in any case, or 0 when it is no keyword. */
    static char typeOf(String s, int from, int to) {
        int len = to - from;
        if (len > LONGEST) {
            return 0;
        }
        int mask = TABLE_WORDS.length - 1;
        for (int i = foldedHash(s, from, to) & mask; ; i = (i + 1) & mask) {
            String w = TABLE_WORDS[i];
            if (w == null) {
                return 0;
            }
            if (w.length() == len && w.regionMatches(true, 0, s, from, len)) {
                return TABLE_TYPES[i];
            }
        }
    }

    /** A hash of {@code s[from, to)} with ASCII letters upper-cased. */
    private static int foldedHash(String s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            h = 31 * h + (c >= 'a' && c <= 'z' ? c - 32 : c);
        }
        return h ^ (h >>> 16);
    }

    private SqlKeywords() {
    }
}
