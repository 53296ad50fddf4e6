vcl 4.1;
# Varnish in front of gunicorn (make serve). Pages carry surrogate keys in the `xkey`
# header; the site purges exactly the keys a change touches (newsroom/purge.py) with
#   PURGE / HTTP/1.1   xkey-purge: article-123 section-5 home
# Only this machine may purge. Logged-in people (a session cookie) always pass through.

import xkey;
import std;

backend default {
    .host = "127.0.0.1";
    .port = "BACKEND_PORT";
    .first_byte_timeout = 30s;
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE" || req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-purge) {
            set req.http.n-gone = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.n-gone));
        }
        return (synth(400, "xkey-purge header required"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Editors (a session cookie) never get or poison a stored page; Django marks their
    # responses private. Other cookies (analytics, csrftoken) do not change a public page.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    if (req.url ~ "^/(admin|preview|healthz)") {
        return (pass);
    }
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # Django sends Cache-Control (s-maxage bounded by the next scheduled change); private
    # or no-store responses are not kept.
    if (beresp.http.Cache-Control ~ "(private|no-store)" || beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
}

sub vcl_deliver {
    unset resp.http.xkey;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
