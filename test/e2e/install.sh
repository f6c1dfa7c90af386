#!/usr/bin/env bash
# Installs what the real-webmail end-to-end tests need: Debian's Chromium, Dovecot,
# Postfix, Roundcube 1.6 (+ its plugins, for the `password` plugin) and PHP.
# Idempotent: with everything present it only checks and exits 0 within a second.
# Nothing is started here; test/e2e/harness/mailstack.ts starts private instances.
set -euo pipefail

PACKAGES=(
  chromium fonts-liberation
  dovecot-core dovecot-imapd dovecot-lmtpd
  postfix
  roundcube-core roundcube-sqlite3 roundcube-plugins
  php-cli php-cgi php-sqlite3 sqlite3
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done

need_vmail=0
# Dovecot stores mail as this uid/gid; an explicit gid avoids a clash with system groups.
getent group 5000 >/dev/null || need_vmail=1
getent passwd 5000 >/dev/null || need_vmail=1

if [[ ${#missing[@]} -eq 0 && $need_vmail -eq 0 ]]; then
  echo "e2e install: all packages present"
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  [[ ${#missing[@]} -gt 0 ]] && echo "e2e install: missing Debian packages: ${missing[*]}" >&2
  [[ $need_vmail -eq 1 ]] && echo "e2e install: missing the vmail user/group (uid/gid 5000)" >&2
  echo "e2e install: run as root, or: sudo $0" >&2
  exit 1
fi

if [[ ${#missing[@]} -gt 0 ]]; then
  echo "e2e install: installing ${missing[*]}"
  # Postfix asks questions on install; answer them so the install is non-interactive.
  # (roundcube's dbconfig questions are deliberately not preseeded: the tests keep their
  # own SQLite database and config, so the system-wide one does not matter.)
  debconf-set-selections <<'SEL'
postfix postfix/main_mailer_type select Local only
postfix postfix/mailname string e2e.localhost
SEL
  export DEBIAN_FRONTEND=noninteractive
  # Wait for a dpkg lock held by someone else instead of failing at once.
  apt_opts=(-o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
  apt-get "${apt_opts[@]}" update -qq
  # The trailing `-` keeps Apache (pulled in via php -> libapache2-mod-php) out.
  apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends \
    "${missing[@]}" libapache2-mod-php8.2- >/dev/null
fi

if ! getent group 5000 >/dev/null; then groupadd -g 5000 vmail; fi
if ! getent passwd 5000 >/dev/null; then
  useradd -u 5000 -g 5000 -d /nonexistent -s /usr/sbin/nologin -M vmail
fi
echo "e2e install: done"
