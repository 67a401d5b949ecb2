package dev.haneul.core.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the corpora's HTTP/1.1 request text into a {@link SignableRequest}, keeping what a lenient
 * server would receive. The files are not strict HTTP: the request target may contain a raw space
 * or raw UTF-8 (the line is split at the first and the last space), header values keep their
 * leading and inner whitespace, and an obsolete folded header (a line starting with a space or tab)
 * continues the previous value, kept with its line break so the canonicalizer has to collapse it.
 * A blank line starts the body; files without one have no body.
 */
final class RawHttp {

    private RawHttp() {}

    static SignableRequest parse(String text) {
        String[] lines = text.split("\n", -1);
        String requestLine = lines[0];
        int firstSpace = requestLine.indexOf(' ');
        int lastSpace = requestLine.lastIndexOf(' ');
        String method = requestLine.substring(0, firstSpace);
        String target = requestLine.substring(firstSpace + 1, lastSpace);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        int i = 1;
        for (; i < lines.length && !lines[i].isEmpty(); i++) {
            String line = lines[i];
            if ((line.startsWith(" ") || line.startsWith("\t")) && !headers.isEmpty()) {
                Map.Entry<String, String> last = headers.removeLast();
                headers.add(Map.entry(last.getKey(), last.getValue() + '\n' + line));
            } else {
                int colon = line.indexOf(':');
                headers.add(Map.entry(line.substring(0, colon), line.substring(colon + 1)));
            }
        }
        String body = i + 1 < lines.length ? String.join("\n", List.of(lines).subList(i + 1, lines.length)) : "";
        return SignableRequest.of(method, target, headers, body.getBytes(UTF_8));
    }

    /**
     * A signed request file read with the original request's header values: the aws-c-auth
     * generator prints folded headers on one line (get-header-value-multiline's signed request
     * lost {@code value2 value3}), so headers the original already had are taken from there and
     * only those added by signing from the signed file.
     */
    static SignableRequest parseSigned(String signedText, SignableRequest original) {
        SignableRequest signed = parse(signedText);
        Set<String> originalNames = original.headers().stream()
                .map(header -> header.getKey().toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        List<Map.Entry<String, String>> headers = new ArrayList<>(original.headers());
        for (Map.Entry<String, String> header : signed.headers()) {
            if (!originalNames.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                headers.add(header);
            }
        }
        return new SignableRequest(signed.method(), signed.rawPath(), signed.rawQuery(), headers, signed.body());
    }
}
