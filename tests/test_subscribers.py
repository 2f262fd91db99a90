"""Subscribers: validation, IDNA keys, duplicates, CSV import and the `bantin subscribers` commands."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest
from sqlalchemy import select

from digest import config
from digest.errors import InvalidInput
from digest.mail.address import delivery_address, normalise_address
from digest.mail.subscribers import (
    DuplicateSubscriber,
    add_subscriber,
    import_csv,
    remove_subscriber,
)
from digest.store.models import Delivery, Subscriber


def test_normalised_key_and_display_form() -> None:
    a = normalise_address("  Thu.Hà@Ví-Dụ.VN ")
    assert a.key == "thu.hà@xn--v-d-rma6749a.vn" and a.display == "Thu.Hà@Ví-Dụ.VN" and a.smtputf8
    b = normalise_address("Ban.Doc@Example.COM")
    assert (b.key, b.display, b.smtputf8) == ("ban.doc@example.com", "Ban.Doc@Example.COM", False)
    # the same IDN domain typed as Unicode or as punycode is one key
    assert normalise_address("x@ví-dụ.vn").key == normalise_address("X@XN--V-D-RMA6749A.VN").key
    # NFD input (as some keyboards produce) is the same address as NFC
    assert normalise_address("ho\u0302\u0300ng@example.vn").key == normalise_address("hồng@example.vn").key


@pytest.mark.parametrize("bad", ["", "khong-co-a-cong", "a@", "@example.vn", "a b@example.vn",
                                 "a@example", "a@@example.vn", "a@-example.vn"])
def test_invalid_addresses(bad: str) -> None:
    with pytest.raises(InvalidInput):
        normalise_address(bad)


def test_internationalised_local_part_needs_smtputf8(tmp_path: Path, engine) -> None:  # type: ignore[no-untyped-def]
    assert normalise_address("nguyễn@example.vn").smtputf8
    path = tmp_path / "no-utf8.toml"
    path.write_text("[mail]\nsmtputf8 = false\n", encoding="utf-8")
    config.use_settings(config.load_settings(path))
    with pytest.raises(InvalidInput, match="SMTPUTF8"):
        add_subscriber(engine, "nguyễn@example.vn")
    # an internationalised *domain* only needs IDNA, which every server handles
    sub = add_subscriber(engine, "an@ví-dụ.vn")
    assert delivery_address(sub) == "an@xn--v-d-rma6749a.vn"


def test_duplicates_refused_regardless_of_case_and_idna(engine) -> None:  # type: ignore[no-untyped-def]
    add_subscriber(engine, "Thu.Hà@Ví-Dụ.VN")
    for again in ("thu.hà@ví-dụ.vn", "THU.HÀ@XN--V-D-RMA6749A.VN", " thu.hà@Ví-dụ.vn"):
        with pytest.raises(DuplicateSubscriber, match="already on the list"):
            add_subscriber(engine, again)
    with engine.connect() as conn:
        assert len(conn.execute(select(Subscriber)).all()) == 1


def test_import_reports_each_line_and_never_aborts(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    csv_file = tmp_path / "ban-doc.csv"
    csv_file.write_text(
        "\ufeffEmail,Status\n"          # BOM and capitalised header, as spreadsheets write them
        "mot@example.vn,confirmed\n"
        "MOT@example.vn,\n"              # duplicate of line 2
        "hai@\n"                          # invalid
        "ba@ví-dụ.vn,pending\n"
        "bon@example.vn,bogus\n"          # unknown status
        "\n"
        "nam@example.vn\n",
        encoding="utf-8",
    )
    lines = list(import_csv(engine, csv_file))
    assert [(l.line, l.outcome) for l in lines] == [
        (2, "added"), (3, "duplicate"), (4, "invalid"), (5, "added"), (6, "invalid"), (8, "added")]
    assert "unknown status" in lines[4].message
    assert [l.status for l in lines if l.outcome == "added"] == ["confirmed", "pending", "pending"]
    # a re-run is safe: everything already there is a duplicate, nothing is added twice
    assert {l.outcome for l in import_csv(engine, csv_file)} == {"duplicate", "invalid"}


def test_import_needs_an_email_column(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    csv_file = tmp_path / "x.csv"
    csv_file.write_text("address\nmot@example.vn\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="'email' column"):
        list(import_csv(engine, csv_file))


def test_remove_deletes_the_subscriber_and_history(engine) -> None:  # type: ignore[no-untyped-def]
    from test_mail_helpers import add_bulletin

    bid = add_bulletin(engine)
    sub = add_subscriber(engine, "xoa@example.vn", confirmed=True)
    with engine.begin() as conn:
        conn.execute(Delivery.__table__.insert().values(bulletin_id=bid, subscriber_id=sub.id,  # type: ignore[attr-defined]
                                                        status="sent", attempts=1))
    remove_subscriber(engine, "XOA@example.vn")
    with engine.connect() as conn:
        assert conn.execute(select(Delivery)).first() is None
        assert conn.execute(select(Subscriber)).first() is None
    with pytest.raises(InvalidInput, match="not on the list"):
        remove_subscriber(engine, "xoa@example.vn")


def test_cli_add_import_list_remove(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = run_cli("subscribers", "add", "Người.Đọc@Ví-Dụ.VN").output
    assert "added Người.Đọc@Ví-Dụ.VN (pending)" in out
    assert "no SMTP server configured" in out and "outbox" in out
    eml = next((tmp_path / "data" / "outbox").glob("confirm-*.eml"))
    msg = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert "/confirm/" in msg.get_body(("plain",)).get_content()
    assert msg["To"] == "Người.Đọc@xn--v-d-rma6749a.vn"

    dup = run_cli("subscribers", "add", "người.đọc@ví-dụ.vn", ok=False)
    assert dup.exit_code != 0 and "already on the list" in dup.output
    bad = run_cli("subscribers", "add", "not-an-address", ok=False)
    assert bad.exit_code != 0 and "not a valid e-mail address" in bad.output

    run_cli("subscribers", "add", "a@example.vn", "--confirmed")
    csv_file = tmp_path / "list.csv"
    csv_file.write_text("email,status\nb@example.vn,confirmed\nA@EXAMPLE.VN,confirmed\nc@,\n", encoding="utf-8")
    out = run_cli("subscribers", "import", str(csv_file)).output
    assert "line 2: added b@example.vn (confirmed)" in out
    assert "line 3: duplicate" in out and "line 4: invalid" in out
    assert "1 added, 1 duplicate, 1 invalid" in out

    listed = run_cli("subscribers", "list", "--status", "confirmed").output
    assert "a@example.vn\tconfirmed" in listed and "b@example.vn" in listed and "Người" not in listed
    assert "Người.Đọc@Ví-Dụ.VN\tpending" in run_cli("subscribers", "list").output
    as_csv = run_cli("subscribers", "list", "--csv").output
    assert as_csv.splitlines()[0] == "email,status,created_at"

    assert "removed b@example.vn" in run_cli("subscribers", "remove", "B@example.vn").output
    assert "b@example.vn" not in run_cli("subscribers", "list").output
