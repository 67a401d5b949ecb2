package dev.haneul.core.http;

import io.netty.util.AsciiString;

/** Field names and tokens the proxy core reads or writes, lower case as HTTP/2 and HTTP/3 spell them. */
public final class HttpHeaderNames {

    public static final AsciiString HOST = AsciiString.cached("host");
    public static final AsciiString CONNECTION = AsciiString.cached("connection");
    public static final AsciiString UPGRADE = AsciiString.cached("upgrade");
    public static final AsciiString KEEP_ALIVE = AsciiString.cached("keep-alive");
    public static final AsciiString CLOSE = AsciiString.cached("close");
    public static final AsciiString CONTENT_LENGTH = AsciiString.cached("content-length");
    public static final AsciiString CONTENT_TYPE = AsciiString.cached("content-type");
    public static final AsciiString TRANSFER_ENCODING = AsciiString.cached("transfer-encoding");
    public static final AsciiString CHUNKED = AsciiString.cached("chunked");
    public static final AsciiString EXPECT = AsciiString.cached("expect");
    public static final AsciiString CONTINUE = AsciiString.cached("100-continue");
    public static final AsciiString COOKIE = AsciiString.cached("cookie");
    public static final AsciiString SET_COOKIE = AsciiString.cached("set-cookie");
    public static final AsciiString USER_AGENT = AsciiString.cached("user-agent");
    public static final AsciiString TE = AsciiString.cached("te");
    public static final AsciiString TRAILER = AsciiString.cached("trailer");
    public static final AsciiString PROXY_CONNECTION = AsciiString.cached("proxy-connection");
    public static final AsciiString SERVER = AsciiString.cached("server");
    public static final AsciiString DATE = AsciiString.cached("date");
    public static final AsciiString LOCATION = AsciiString.cached("location");

    private HttpHeaderNames() {}
}
