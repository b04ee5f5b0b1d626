# Serves built sites with nginx on a free loopback port, configured as the
# README's nginx guide says (nginx.conf.in, plus the headers of the site's
# _headers and its redirects, _redirects.conf). Sourced by tests/e2e/run,
# scripts/bench and scripts/serve.
#   serve_with_nginx DIST BLOG_DIST COMMENTS_PORT [PORT]
# serves DIST at / and BLOG_DIST under /blog/, with /api/comments passed to
# COMMENTS_PORT, on PORT or else a free one; sets NGINX_PORT, NGINX_PID and
# NGINX_RUN (its folder, for the caller to remove), and returns once nginx
# accepts connections.

# A free port on loopback, so parallel runs never collide.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

serve_with_nginx() {
  local dist=$1 blog_dist=$2 comments_port=$3 here run user_line=""
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  run=$(mktemp -d "${TMPDIR:-/tmp}/wellpress-nginx.XXXXXX")
  NGINX_RUN=$run
  NGINX_PORT=${4:-$(free_port)}
  [ "$(id -u)" -eq 0 ] && user_line="user root;"
  sed -e "s|@RUN@|$run|g" -e "s|@DIST@|$dist|g" -e "s|@BLOG_DIST@|$blog_dist|g" -e "s|@PORT@|$NGINX_PORT|g" \
    -e "s|@COMMENTS_PORT@|$comments_port|g" -e "s|@USER@|$user_line|" \
    "$here/nginx.conf.in" >"$run/nginx.conf"
  # With NGINX_TLS_PORT set, the same server answers there too, over HTTPS
  # with HTTP/2 as CDNs serve sites, with a certificate made for the run.
  if [ -n "${NGINX_TLS_PORT:-}" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
      -keyout "$run/key.pem" -out "$run/cert.pem" 2>"$run/openssl.log"
    sed -i "s|^\( *\)listen 127.0.0.1:$NGINX_PORT;|&\n\1listen 127.0.0.1:$NGINX_TLS_PORT ssl http2;\n\1ssl_certificate $run/cert.pem;\n\1ssl_certificate_key $run/key.pem;|" "$run/nginx.conf"
  fi
  "$here/../../scripts/nginx-headers" "$dist/_headers" >"$run/wellpress-headers.conf"
  # Only release builds have it (the prerenderer writes it).
  if [ -f "$dist/_redirects.conf" ]; then cp "$dist/_redirects.conf" "$run/wellpress-redirects.conf"
  else : >"$run/wellpress-redirects.conf"; fi
  "$(command -v nginx || echo /usr/sbin/nginx)" -c "$run/nginx.conf" -e "$run/error.log" &
  NGINX_PID=$!
  for _ in $(seq 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$NGINX_PORT") 2>/dev/null && return 0
    # Exited at once: the port is taken, say.
    kill -0 "$NGINX_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "nginx did not start; see $run/error.log" >&2
  return 1
}
