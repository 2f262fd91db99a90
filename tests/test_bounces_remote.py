"""`bantin bounces` against a real IMAP and POP3 server: a private Dovecot (Debian's
dovecot-imapd / dovecot-pop3d) started per test module on loopback ports, with its own
configuration, passwd-file user and Maildir in a temporary folder, TLS by a throw-away
certificate the client is told to trust ($SSL_CERT_FILE).

Checked: IMAP over STARTTLS with a non-ASCII password (AUTHENTICATE PLAIN), the keyword left on
every message read (not \\Seen), a second run reading nothing; imaps:// moving the reports to a
folder; POP3 over STLS deleting the reports only, pop3s:// keeping them; and that a message is
marked on the server only after its bounces are committed - a failure before the commit leaves
it for the next run, a failure after it loses nothing and the re-run changes nothing twice.
"""

from __future__ import annotations

import imaplib
import os
import pwd
import re
import shutil
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from test_bounces import dsn

from digest.mail import bounce_sources, bounces
from digest.mail.subscribers import add_subscriber

USER = "bounce"
PASSWORD = "mật khẩu@1/2"  # non-ASCII (AUTHENTICATE PLAIN in UTF-8), and URL-quoted in the URL
DOVECOT = shutil.which("dovecot") or ("/usr/sbin/dovecot" if os.access("/usr/sbin/dovecot", os.X_OK) else None)


def _free_ports(n: int) -> list[int]:
    socks = []
    for _ in range(n):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        socks.append(s)
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


class Dovecot:
    """A private Dovecot: IMAP, IMAPS, POP3, POP3S on loopback, one passwd-file user."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.imap, self.imaps, self.pop3, self.pop3s = _free_ports(4)
        self.cert = root / "cert.pem"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                        "-keyout", str(root / "key.pem"), "-out", str(self.cert)], check=True, capture_output=True)
        (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n", encoding="utf-8")
        mail = root / "mail"
        mail.mkdir()
        if os.geteuid() == 0:
            # Dovecot never accesses mail as root: the mail user is nobody; its own processes
            # run as the package's dovecot/dovenull users.
            mail_user, extra = pwd.getpwnam("nobody"), ""
            os.chown(mail, mail_user.pw_uid, mail_user.pw_gid)
        else:
            mail_user = pwd.getpwuid(os.getuid())
            extra = (f"default_internal_user = {mail_user.pw_name}\n"
                     f"default_login_user = {mail_user.pw_name}\n"
                     f"default_internal_group = {mail_user.pw_gid}\n")
        self.conf = root / "dovecot.conf"
        self.conf.write_text(f"""\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap pop3
listen = 127.0.0.1
ssl = yes
ssl_cert = <{self.cert}
ssl_key = <{root}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
{extra}passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={mail_user.pw_uid} gid={mail_user.pw_gid} home={mail}/%u
}}
mail_location = maildir:{mail}/%u/Maildir
service imap-login {{
  chroot =
  inet_listener imap {{
    port = {self.imap}
  }}
  inet_listener imaps {{
    port = {self.imaps}
    ssl = yes
  }}
}}
service pop3-login {{
  chroot =
  inet_listener pop3 {{
    port = {self.pop3}
  }}
  inet_listener pop3s {{
    port = {self.pop3s}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
""", encoding="utf-8")
        self.process = subprocess.Popen([str(DOVECOT), "-c", str(self.conf), "-F"],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        for port in (self.imap, self.imaps, self.pop3, self.pop3s):
            while True:
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    if self.process.poll() is not None or time.monotonic() > deadline:
                        self.stop()
                        raise RuntimeError(f"dovecot did not start: {self.log()}") from None
                    time.sleep(0.05)

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()

    def url(self, scheme: str, path: str = "") -> str:
        port = {"imap": self.imap, "imaps": self.imaps, "pop3": self.pop3, "pop3s": self.pop3s}[scheme]
        return f"{scheme}://{USER}:{quote(PASSWORD, safe='')}@127.0.0.1:{port}{path}"

    def client(self) -> imaplib.IMAP4:
        """A plain test client (IMAPS) to fill and inspect the mailbox."""
        imap = imaplib.IMAP4_SSL("127.0.0.1", self.imaps, ssl_context=ssl.create_default_context(cafile=str(self.cert)))
        imap.authenticate("PLAIN", lambda _: b"\0" + USER.encode() + b"\0" + PASSWORD.encode())
        return imap


@pytest.fixture(scope="module")
def dovecot() -> Iterator[Dovecot]:
    if DOVECOT is None:
        pytest.skip("dovecot is not installed (apt install dovecot-imapd dovecot-pop3d): "
                    "IMAP/POP3 bounce reading not tested here")
    if shutil.which("openssl") is None:
        pytest.skip("no openssl command to make the test server's certificate")
    root = Path(tempfile.mkdtemp(prefix="bantin-dovecot-"))
    root.chmod(0o755)  # the mail user (nobody under root) must reach its Maildir below
    server = Dovecot(root)
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def mailbox(dovecot: Dovecot, monkeypatch: pytest.MonkeyPatch) -> Iterator[Dovecot]:
    """An empty INBOX (and no Processed folder), the client trusting the test certificate."""
    monkeypatch.setenv("SSL_CERT_FILE", str(dovecot.cert))
    imap = dovecot.client()
    typ, data = imap.select("INBOX")
    if typ == "OK" and int(data[0] or 0):
        imap.store("1:*", "+FLAGS.SILENT", "(\\Deleted)")
        imap.expunge()
    imap.delete("Processed")  # NO when there is none: fine
    imap.logout()
    yield dovecot


def _fill(server: Dovecot) -> None:
    """Four messages: a hard bounce (ours, in the ledger), a soft one, one for an address not
    on the list, and a reader's reply that is no delivery report."""
    plain = EmailMessage()
    plain["From"] = "ban.doc@example.vn"
    plain["Subject"] = "Cảm ơn bản tin"
    plain.set_content("Không phải thư báo lỗi.")
    imap = server.client()
    for raw in (dsn("hong@example.vn", "failed", "5.1.1"), dsn("cham@example.vn", "delayed", "4.4.1"),
                dsn("la@example.vn", "failed", "5.1.1"), plain.as_bytes()):
        assert imap.append("INBOX", None, None, raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))[0] == "OK"
    imap.logout()


def _state(server: Dovecot, folder: str = "INBOX") -> list[tuple[str, str]]:
    """(what, flags) of each message in ``folder``, in order: a report's failed recipient, or
    "reply" for the reader's message."""
    imap = server.client()
    typ, data = imap.select(folder)
    out: list[tuple[str, str]] = []
    if typ == "OK" and int(data[0] or 0):
        _, parts = imap.fetch("1:*", "(FLAGS BODY.PEEK[])")
        for part in parts:
            if isinstance(part, tuple):
                head, body = part[0].decode(), part[1].decode()
                flags = head[head.index("FLAGS (") + 7:]
                found = re.search(r"Final-Recipient: rfc822; (\S+)", body)
                out.append((found.group(1) if found else "reply", flags[:flags.index(")")]))
    imap.logout()
    return out


def _ledger(engine: Engine) -> None:
    for address in ("hong@example.vn", "cham@example.vn", "tot@example.vn"):
        add_subscriber(engine, address, confirmed=True)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO bulletin (date, status, title, created_at, updated_at) "
                          "VALUES ('2023-05-24', 'published', 'B', '2023-05-24', '2023-05-24')"))
        conn.execute(text("INSERT INTO delivery (bulletin_id, subscriber_id, status, attempts, message_id) "
                          "SELECT 1, id, 'sent', 1, '<b1.s1@bantin>' FROM subscriber WHERE email = 'hong@example.vn'"))


def _subscribers(engine: Engine) -> dict[str, tuple[str, int]]:
    with engine.connect() as conn:
        return {r[0]: (r[1], r[2]) for r in conn.execute(text("SELECT email, status, bounce_count FROM subscriber"))}


pytestmark = pytest.mark.skipif(DOVECOT is None, reason="dovecot is not installed (apt install dovecot-imapd dovecot-pop3d)")


def test_imap_starttls_flags_what_it_read_and_a_rerun_reads_nothing(mailbox: Dovecot, run_cli: Any, engine: Engine) -> None:
    _ledger(engine)
    _fill(mailbox)
    out = run_cli("bounces", mailbox.url("imap", "/INBOX"), "--starttls", "always").output
    assert "4 messages: 2 hard bounces, 1 soft, 1 not delivery reports" in out
    assert "bounced: hong@example.vn" in out and "not on the list: la@example.vn" in out
    assert _subscribers(engine)["hong@example.vn"] == ("bounced", 1)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT status FROM delivery")).scalar_one() == "bounced"
    # Every message read carries the keyword; none is deleted, none marked read for a person.
    state = _state(mailbox)
    assert len(state) == 4
    assert all("$BantinProcessed" in flags and "\\Seen" not in flags for _, flags in state), state
    again = run_cli("bounces", mailbox.url("imap")).output  # no path: INBOX
    assert again.startswith("0 messages:")


def test_imaps_moves_the_reports_and_leaves_other_mail(mailbox: Dovecot, run_cli: Any, engine: Engine) -> None:
    _ledger(engine)
    _fill(mailbox)
    out = run_cli("bounces", mailbox.url("imaps", "/INBOX"), "--processed", "move:Processed").output
    assert "2 hard bounces, 1 soft, 1 not delivery reports" in out
    assert [to for to, _ in _state(mailbox, "Processed")] == ["hong@example.vn", "cham@example.vn", "la@example.vn"]
    inbox = _state(mailbox)
    assert [what for what, _ in inbox] == ["reply"] and "$BantinProcessed" in inbox[0][1]  # it stays


def test_a_message_is_marked_only_after_its_bounces_are_committed(
        mailbox: Dovecot, engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    _ledger(engine)
    _fill(mailbox)
    # The connection drops after the first message's bounce is committed, before the message is
    # flagged: the bounce is recorded, the message is still there for the next run.
    def dropped(self: Any, key: str, dsn: bool) -> None:
        raise bounce_sources.MailboxError("connection reset")

    with monkeypatch.context() as patch:
        patch.setattr(bounce_sources.ImapSource, "recorded", dropped)
        with pytest.raises(bounce_sources.MailboxError), bounce_sources.open_source(mailbox.url("imap")) as source:
            bounces.process(engine, source)
    assert _subscribers(engine)["hong@example.vn"] == ("bounced", 1)
    assert ["$BantinProcessed" in flags for _, flags in _state(mailbox)] == [False] * 4

    # The database fails on the third message: the first two (one read again, changing
    # nothing) are flagged, the third and fourth stay unmarked.
    real_apply = bounces._apply

    def failing_apply(session: Any, bounce: Any, report: Any) -> None:
        if bounce.recipient == "la@example.vn":
            raise RuntimeError("database went away")
        real_apply(session, bounce, report)

    with monkeypatch.context() as patch:
        patch.setattr(bounces, "_apply", failing_apply)
        with pytest.raises(RuntimeError), bounce_sources.open_source(mailbox.url("imap")) as source:
            bounces.process(engine, source)
    assert ["$BantinProcessed" in flags for _, flags in _state(mailbox)] == [True, True, False, False]

    # The next run reads only those two; the hard bounce was counted once in all.
    with bounce_sources.open_source(mailbox.url("imap")) as source:
        report = bounces.process(engine, source)
    assert report.messages == 2 and report.unknown == ["la@example.vn"] and report.marked == []
    assert all("$BantinProcessed" in flags for _, flags in _state(mailbox))
    assert _subscribers(engine)["hong@example.vn"] == ("bounced", 1)


def test_pop3_deletes_the_reports_only_and_pop3s_can_keep_them(mailbox: Dovecot, run_cli: Any, engine: Engine) -> None:
    _ledger(engine)
    _fill(mailbox)
    kept = run_cli("bounces", mailbox.url("pop3s"), "--processed", "keep").output
    assert "4 messages: 2 hard bounces" in kept and len(_state(mailbox)) == 4
    out = run_cli("bounces", mailbox.url("pop3"), "--starttls", "always").output  # STLS, then delete
    assert "4 messages: 2 hard bounces, 1 soft, 1 not delivery reports" in out
    assert "bounced:" not in out  # recorded by the first run already: nothing twice
    assert _subscribers(engine)["hong@example.vn"] == ("bounced", 1)
    assert [what for what, _ in _state(mailbox)] == ["reply"]  # the reader's reply stays
    assert run_cli("bounces", mailbox.url("pop3")).output.startswith("1 messages: 0 hard bounces")


def test_bad_login_and_bad_urls_are_one_line_errors(mailbox: Dovecot, run_cli: Any) -> None:
    wrong = f"imap://{USER}:sai@127.0.0.1:{mailbox.imap}/INBOX"
    result = run_cli("bounces", wrong, ok=False)
    assert result.exit_code != 0 and "cannot use imap://127.0.0.1" in result.output
    assert "sai" not in result.output  # the password is not echoed
    result = run_cli("bounces", mailbox.url("pop3", "/INBOX"), ok=False)
    assert result.exit_code != 0 and "POP3 has only one" in result.output
    result = run_cli("bounces", mailbox.url("imap"), "--processed", "keep", ok=False)
    assert result.exit_code != 0 and "does not apply to an IMAP mailbox" in result.output
    result = run_cli("bounces", f"imap://{USER}@127.0.0.1:{mailbox.imap}/", ok=False)
    assert result.exit_code != 0 and "BANTIN_BOUNCES_PASSWORD" in result.output
