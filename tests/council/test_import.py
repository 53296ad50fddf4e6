"""import_council_members: encodings, the dry run, Korean errors per row, all or nothing."""

import pytest
from django.core.management import CommandError, call_command

from council.models import CouncilMember
from tests.council.factories import make_member

pytestmark = pytest.mark.django_db

GOOD = (
    "이름,한자,정당,선거구,대수,연락처,이메일\n"
    "이상훈,李相勳,더불어민주당,시흥시 가선거구,제8대·제9대,031-000-0001,lee@example.kr\n"
    "박소영,,국민의힘,시흥시 다선거구,9,,\n"
)


def run(tmp_path, content, *args, encoding="utf-8"):
    path = tmp_path / "members.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
    out, err = [], []

    class Sink:
        def __init__(self, lines):
            self.lines = lines

        def write(self, text):
            self.lines.append(text)

        def flush(self):
            pass

    call_command("import_council_members", str(path), *args, stdout=Sink(out), stderr=Sink(err))
    return "".join(out), "".join(err)


def failing(tmp_path, content, *args, encoding="utf-8"):
    with pytest.raises(CommandError) as caught:
        run(tmp_path, content, *args, encoding=encoding)
    return str(caught.value)


def test_imports_a_utf8_list(tmp_path):
    out, _ = run(tmp_path, GOOD)
    assert "추가 2명" in out
    lee = CouncilMember.objects.get(name="이상훈")
    assert (lee.name_hanja, lee.party, lee.district, lee.terms) == ("李相勳", "더불어민주당", "시흥시 가선거구", [8, 9])  # fmt: skip
    assert lee.email == "lee@example.kr"


def test_imports_cp949_as_excel_saves_it(tmp_path):
    out, _ = run(tmp_path, GOOD, encoding="cp949")
    assert "CP949" in out
    assert set(CouncilMember.objects.values_list("name", flat=True)) == {"이상훈", "박소영"}


def test_imports_utf8_with_a_bom(tmp_path):
    run(tmp_path, b"\xef\xbb\xbf" + GOOD.encode())
    # The BOM is not part of the first heading: 이름 is found.
    assert CouncilMember.objects.filter(name="이상훈").exists()


def test_a_tab_separated_paste_is_read_too(tmp_path):
    run(tmp_path, "이름\t정당\t선거구\n이상훈\t더불어민주당\t시흥시 가선거구\n")
    assert CouncilMember.objects.filter(name="이상훈").exists()


def test_the_dry_run_shows_what_would_change_and_writes_nothing(tmp_path):
    make_member("박소영", party="더불어민주당", district="시흥시 다선거구", terms=[8])
    out, _ = run(tmp_path, GOOD, "--dry-run")
    assert "2행 추가: 이상훈" in out
    assert "3행 변경: 박소영" in out and "정당 더불어민주당 → 국민의힘" in out
    assert "대수 제8대 → 제8대·제9대" in out
    assert "저장하지 않았습니다" in out
    assert not CouncilMember.objects.filter(name="이상훈").exists()
    assert CouncilMember.objects.get(name="박소영").party == "더불어민주당"


def test_a_second_run_changes_nothing_and_namesakes_elsewhere_stay_apart(tmp_path):
    namesake = make_member("이상훈", party="국민의힘", district="시흥시 라선거구", terms=[6])
    run(tmp_path, GOOD)
    out, _ = run(tmp_path, GOOD)
    assert "추가 0명, 변경 0명, 그대로 2명" in out
    assert CouncilMember.objects.filter(name="이상훈").count() == 2
    namesake.refresh_from_db()
    assert namesake.party == "국민의힘" and namesake.terms == [6]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (",더불어민주당,시흥시 나선거구,9", "3행: 이름이 없습니다."),
        ("김철수,새로운당,시흥시 나선거구,9", "3행 정당: ‘새로운당’은(는) 등록된 정당이 아닙니다"),
        ("김철수,더불어민주당,나선거구,9", "3행 선거구: 선거구 ‘나선거구’을(를) 읽을 수 없습니다"),
        ("김철수,,시흥시 나선거구,9", "3행 정당:"),
        (
            "이상훈,더불어민주당,시흥시 가선거구,9",
            "3행: 2행과 같은 의원(이상훈, 시흥시 가선거구)이 또 있습니다.",
        ),
    ],
    ids=["missing-name", "unknown-party", "bad-district", "missing-party", "duplicate"],
)
def test_a_bad_row_is_a_korean_error_and_nothing_is_imported(tmp_path, capsys, row, message):
    content = "이름,정당,선거구,대수\n이상훈,더불어민주당,시흥시 가선거구,9\n" + row + "\n"
    path = tmp_path / "members.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("import_council_members", str(path))
    assert "아무것도 저장하지 않았습니다" in str(caught.value)
    assert message in capsys.readouterr().err
    assert not CouncilMember.objects.exists()


def test_every_bad_row_is_reported_at_once(tmp_path, capsys):
    content = "이름,정당,선거구\n,더불어민주당,시흥시 가선거구\n김철수,새로운당,시흥시 나선거구\n"
    path = tmp_path / "members.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match="2개"):
        call_command("import_council_members", str(path))
    err = capsys.readouterr().err
    assert "2행: 이름이 없습니다." in err and "3행 정당" in err


def test_missing_headings_say_which(tmp_path):
    message = failing(tmp_path, "이름,정당\n이상훈,더불어민주당\n")
    assert "첫 줄에 선거구 칸이 없습니다" in message


def test_bytes_that_are_neither_utf8_nor_cp949_are_refused(tmp_path):
    message = failing(tmp_path, b"\xff\xfe\x00\x00\x80\x81")
    assert "인코딩" in message


def test_an_empty_file_and_a_missing_file_are_korean_errors(tmp_path):
    assert "빈 파일입니다" in failing(tmp_path, b"")
    with pytest.raises(CommandError, match="파일을 읽을 수 없습니다"):
        call_command("import_council_members", str(tmp_path / "없는파일.csv"))


@pytest.mark.django_db(transaction=True)
def test_two_imports_at_once_add_each_member_once(tmp_path, monkeypatch):
    """Real threads on real Postgres: the second import waits for the first, then finds
    its members stored (without the lock both would plan and add them)."""
    import time

    from council import importer
    from tests.newsroom.concurrency import hit_concurrently

    path = tmp_path / "members.csv"
    path.write_text(GOOD, encoding="utf-8")
    planned = importer.plan

    def slow_plan(raw):
        result = planned(raw)
        time.sleep(0.3)  # widen the window between reading and writing
        return result

    monkeypatch.setattr(importer, "plan", slow_plan)
    errors = hit_concurrently(
        lambda client: call_command("import_council_members", str(path), verbosity=0),
        threads=3,
        per_thread=1,
        user_agent="import",
    )
    assert errors == []
    assert sorted(CouncilMember.objects.values_list("name", flat=True)) == ["박소영", "이상훈"]
