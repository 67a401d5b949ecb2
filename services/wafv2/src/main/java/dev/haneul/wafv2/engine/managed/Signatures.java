package dev.haneul.wafv2.engine.managed;

/**
 * The patterns behind the managed rules. AWS does not publish its signatures; these implement each
 * rule's documented intent (the rule tables of the WAF developer guide) and are measured against the
 * CRS regression cases in docs/waf.md. All are matched against lower-cased, decoded content.
 */
final class Signatures {

    private Signatures() {
    }

    /** Scanners and attack tools by User-Agent (UserAgent_BadBots_HEADER). */
    static final String BAD_BOTS = "(?:nessus|nmap|nikto|sqlmap|masscan|zgrab|acunetix|netsparker|w3af|dirbuster"
            + "|\\bdirb\\b|havij|arachni|openvas|zmeu|morfeus|jorgee|gobuster|wpscan|nuclei|fimap|bsqlbf|whatweb"
            + "|webinspect|appscan|brutus|grabber|cgichk|webvulnscan|pangolin|absinthe|\\bx-scan|commix|wfuzz"
            + "|ffuf|feroxbuster|jaeles|zap/|burpcollaborator|skipfish|vega/|webshag|sqlninja|nsauditor|paros"
            + "|metis|teh forest lobster|\\bmozilla/4\\.0 \\(compatible; ms ?ie 6\\.0; win32\\)$|python-requests/0\\."
            + "|\\bmasscan|\\bcensys|\\bleakix|\\bl9explore|\\bx00)";

    /** The EC2 instance metadata service, however spelled (EC2MetaDataSSRF_*). */
    static final String EC2_METADATA = "(?:169\\.254\\.169\\.254|fd00:ec2::254|\\[::ffff:a9fe:a9fe\\]|0xa9fea9fe"
            + "|2852039166|0251\\.0376\\.0251\\.0376|0xa9\\.0xfe\\.0xa9\\.0xfe|169\\.254\\.43518|instance-data"
            + "|metadata\\.google\\.internal|169\\.254\\.170\\.2)";

    /** Path traversal (GenericLFI_*); every alternative starts with a literal, so contents without one skip the regex. */
    static final String PATH_TRAVERSAL = "\\.\\.[\\\\/;]|\\.\\.$|%2e%2e|\\.\\.%2f|%c0%ae";

    /** Unsafe file extensions in a path (RestrictedExtensions_URIPATH). */
    static final String RESTRICTED_EXTENSIONS_PATH = "\\.(?:log|ini|bak|backup|cfg|conf|config|old|orig|sql|swp"
            + "|tmp|temp|db|sqlite3?|mdb|inc|dll|bat|cmd|cer|exe|htr|htw|ida|idc|idq|printer|pol|sys|bck|cnf|dat"
            + "|dbf|pem|pfx|p12|env|ds_store|htaccess|htpasswd|passwd|history|lnk|reg|vbs|sav|save|sh)(?:$|[?;#])";

    /** Unsafe file extensions in a query argument (RestrictedExtensions_QUERYARGUMENTS). */
    static final String RESTRICTED_EXTENSIONS_ARG = "\\.(?:log|ini|bak|backup|cfg|conf|config|old|orig|sql|swp"
            + "|mdb|inc|dll|bat|cmd|htr|htw|ida|idc|idq|printer|pol|sys|bck|cnf|dbf|pem|pfx|p12|env|htaccess"
            + "|htpasswd|passwd)$";

    /** Remote file inclusion: a URL whose host is an IPv4 or IPv6 address (GenericRFI_*). */
    static final String RFI = "https?://\\[?[0-9a-f]{0,4}:[0-9a-f]{0,4}:|ftps?://\\[?[0-9a-f]{0,4}:[0-9a-f]{0,4}:|https?://(?:[^/@?#]*@)?(?:\\d{1,3}\\.){3}\\d{1,3}|ftps?://(?:[^/@?#]*@)?(?:\\d{1,3}\\.){3}\\d{1,3}|file://(?:[^/@?#]*@)?(?:\\d{1,3}\\.){3}\\d{1,3}|php://(?:[^/@?#]*@)?(?:\\d{1,3}\\.){3}\\d{1,3}|data://(?:[^/@?#]*@)?(?:\\d{1,3}\\.){3}\\d{1,3}|expect://(?:[^/@?#]*@)?(?:\\d{1,3}\\.){3}\\d{1,3}|dict://(?:[^/@?#]*@)?(?:\\d{1,3}\\.){3}\\d{1,3}|gopher://(?:[^/@?#]*@)?(?:\\d{1,3}\\.){3}\\d{1,3}|ldap://(?:[^/@?#]*@)?(?:\\d{1,3}\\.){3}\\d{1,3}|jar://(?:[^/@?#]*@)?(?:\\d{1,3}\\.){3}\\d{1,3}|https?://[^?#]*\\?+$|ftps?://[^?#]*\\?+$";

    /** Java deserialization and class manipulation (JavaDeserializationRCE_*). */
    static final String JAVA_DESERIALIZATION = "(?:java\\.lang\\.[a-z]|java\\.(?:runtime|processbuilder)\\b"
            + "|processbuilder|runtime\\.getruntime|com\\.opensymphony\\.xwork2|org\\.apache\\.commons\\.|org\\.omg\\.corba"
            + "|clonetransformer|invokertransformer|instantiatetransformer|chainedtransformer|constanttransformer"
            + "|forclosure|whileclosure|prototypeclonefactory|prototypeserializationfactory|instantiatefactory"
            + "|getruntime\\s*\\(|\\.exec\\s*\\(|ro0ab|aced0005|class\\.module\\.classloader"
            + "|class\\.classloader|springframework\\.context\\.support|org\\.apache\\.commons\\.collections"
            + "|ysoserial|javax\\.script\\.scriptenginemanager|com\\.sun\\.org\\.apache|java\\.beans\\.xmldecoder"
            + "|org\\.codehaus\\.groovy|bsh\\.interpreter|com\\.sun\\.rowset\\.jdbcrowsetimpl|javax\\.naming"
            + "|xalan\\.xsltc\\.trax|spring\\.cloud\\.function\\.routing-expression|\\bt\\(java\\.|new\\s+java\\."
            + "|java\\.util\\.|java\\.io\\.|java\\.net\\.|java\\.nio\\.|\\$\\{(?:@|\\()|#\\{.*\\}|%\\{.*\\}"
            + "|<java[\\s>]|<object\\s+class=|ognl\\.|@java\\.|\\.forname\\s*\\(|\\.getclass\\s*\\(|\\.invoke\\s*\\("
            + "|\\.newinstance\\s*\\(|objectinputstream|xstream|\\bserialversionuid)";

    /** Log4Shell lookups, nested and obfuscated (Log4JRCE_*). */
    static final String LOG4J = "\\$\\{[^}]{0,30}?(?:jndi|\\$\\{(?:lower|upper|::-|env|sys|ctx|date|main|java|base64"
            + "|k8s|docker|spring|web|log4j|bundle|marker|event|sd|map|jvmrunargs)[^}]*\\})|\\$\\{jndi:";

    /** Paths of exploitable application internals (ExploitablePaths_URIPATH). */
    static final String EXPLOITABLE_PATHS = "(?:/web-inf(?:/|$)|/meta-inf(?:/|$)|/\\.git(?:/|$)|/\\.svn(?:/|$)"
            + "|/\\.hg(?:/|$)|/\\.env(?:$|\\.)|/\\.aws/|/actuator/(?:env|heapdump|jolokia|gateway|logfile|shutdown"
            + "|threaddump|mappings|configprops)|/jolokia|/jmx-console|/invoker/(?:jmx|ejb)|/manager/html"
            + "|/server-status|/server-info|/wp-config\\.php|/cgi-bin/|/solr/admin|/phpunit/|/\\.ds_store"
            + "|/vendor/phpunit|/_profiler|/telescope|/elmah\\.axd|/trace\\.axd|/console/|/\\.well-known/security"
            + "\\.txt\\.bak|/administrator/manifests|/debug/pprof)";

    /** Linux system files (LFI_*). */
    static final String LINUX_FILES = "(?:/etc/(?:passwd|shadow|group|hosts|issue|motd|crontab|sudoers|profile"
            + "|bashrc|environment|mysql|nginx|apache2|httpd|ssh|ssl|security|fstab|hostname|os-release|resolv\\.conf"
            + "|gshadow|master\\.passwd|pwd\\.db|spwd\\.db|inittab|rc\\.d|init\\.d|network|netplan|lsb-release"
            + "|redhat-release|debian_version|ld\\.so|cron)|/proc/(?:self|version|cpuinfo|meminfo|mounts"
            + "|net/|sched_debug|\\d+/)|/var/(?:log|mail|spool|www|lib/mysql)/|/root/|/\\.ssh/|\\.bash_history"
            + "|/usr/(?:local/)?(?:s?bin|etc)/|/bin/(?:sh|bash|cat|ls|nc|dash|zsh|busybox)\\b|/dev/(?:tcp|udp)/"
            + "|/boot/|/sys/(?:class|kernel|power)|/home/[^/]+/\\.|/opt/[^/]+/(?:conf|etc)|/\\.htpasswd)";

    /** Commands an injected shell line runs (a group, for the pattern below). */
    private static final String SHELL_COMMANDS = "(?:cat|ls|id|whoami|uname|wget|curl|nc|ncat|netcat|bash|sh|zsh|dash|python[23]?"
            + "|perl|ruby|php|echo|ping|nslookup|dig|chmod|chown|rm|kill|ps|env|export|sleep|base64|tftp|telnet"
            + "|nmap|sudo|su|passwd|ifconfig|netstat|crontab|awk|sed|xterm|uptime|head|tail|more|less|find|tar"
            + "|gzip|touch|mkfifo|socat|powershell|systeminfo)";

    /**
     * Unix shell commands and variables (UNIXShellCommandsVariables_*); a backquoted word counts
     * only when it is a command (Markdown puts code in backquotes).
     */
    static final String UNIX_SHELL = "(?:(?:^|[;|&`\\n]|\\$\\(|\\|\\||&&)\\s*" + SHELL_COMMANDS
            + "(?:\\s|$|[;|&<>`)])|\\$\\{?(?:home|path|shell|user|ifs|pwd|hostname|uid|term|lang|logname|mail"
            + "|oldpwd|random|ps1|bash_version|histfile)\\b\\}?|\\$\\([a-z]+|`\\s*" + SHELL_COMMANDS + "\\b[^`]*`|/bin/(?:ba|z|da)?sh\\b"
            + "|\\b(?:bash|sh)\\s+-[ci]\\b|>\\s*/dev/(?:tcp|udp|null)|\\|\\s*(?:sh|bash)\\b)";

    /** Administrative pages (AdminProtection_URIPATH). */
    static final String ADMIN_PATHS = "^/(?:admin|administrator|admin-console|adminpanel|admin-panel|admin\\.php"
            + "|admin\\.aspx|wp-admin|sqlmanager|phpmyadmin|pma|mysqladmin|myadmin|dbadmin|manager/html|jmx-console"
            + "|web-console|cpanel|plesk|webmin|_admin|backoffice|controlpanel|siteadmin|moderator|adminer"
            + "|admin_area|admin1|admin2|panel-administracion|sysadmin|useradmin|wp-login\\.php)(?:[/.?;]|$)";
}
