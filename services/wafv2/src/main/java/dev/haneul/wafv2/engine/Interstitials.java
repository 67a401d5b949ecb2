package dev.haneul.wafv2.engine;

import java.nio.charset.StandardCharsets;

/**
 * The pages CAPTCHA (405) and Challenge (202) answer a browser with: the page computes a proof of
 * work for a signed nonce (crypto.subtle, available on loopback and HTTPS origins), the CAPTCHA one
 * after the visitor ticks a box, posts it to {@link TokenService#VERIFY_PATH}, gets the
 * {@code aws-waf-token} cookie and reloads the page it was refused.
 */
final class Interstitials {

    private Interstitials() {
    }

    static byte[] page(boolean captcha, String nonce) {
        String kind = captcha ? "captcha" : "challenge";
        String intro = captcha
                ? "<h1>Let's confirm you are human</h1><p><label><input type=checkbox id=human> I am not a robot</label></p>"
                : "<h1>Checking your browser</h1><p>This takes a moment.</p>";
        String html = "<!DOCTYPE html><html><head><meta charset=utf-8><title>Human Verification</title></head><body>"
                + intro + "<p id=status></p><script>\n"
                + "const nonce='" + nonce + "', kind='" + kind + "', zeros='" + "0".repeat(TokenService.WORK_ZEROS)
                + "';\n"
                + "async function hex(s){const d=await crypto.subtle.digest('SHA-256',new TextEncoder().encode(s));"
                + "return Array.from(new Uint8Array(d)).map(b=>b.toString(16).padStart(2,'0')).join('');}\n"
                + "async function solve(){let n=0;while(!(await hex(nonce+':'+n)).startsWith(zeros)){n++;}\n"
                + "const r=await fetch('" + TokenService.VERIFY_PATH + "',{method:'POST',headers:{'Content-Type':"
                + "'application/x-www-form-urlencoded'},body:'kind='+kind+'&nonce='+encodeURIComponent(nonce)+'&work='+n});\n"
                + "if(r.ok){location.reload();}else{document.getElementById('status').textContent='Verification failed';}}\n"
                + (captcha ? "document.getElementById('human').addEventListener('change',solve);\n" : "solve();\n")
                + "</script></body></html>\n";
        return html.getBytes(StandardCharsets.UTF_8);
    }
}
