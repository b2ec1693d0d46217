import pytest

from annales.ingest.decode import RejectedInput, decode


def test_decode_utf8_and_newlines() -> None:
    text, encoding = decode("é\r\nb".encode(), path="x", limit=100)
    assert (text, encoding) == ("é\nb", "utf-8")


def test_decode_falls_back_to_cp1252() -> None:
    text, encoding = decode("Le café coûte 3 € à Paris.".encode("cp1252"), path="x", limit=100)
    assert text == "Le café coûte 3 € à Paris." and encoding == "cp1252"


@pytest.mark.parametrize(
    ("data", "kind", "code"),
    [(b"  \n", "empty", "E102"), (b"%PDF-1.4", "binary", "E103"), (b"ab\x00cd", "binary", "E103"), (b"x" * 11, "too_large", "E104")],
)
def test_decode_rejects_bad_input(data: bytes, kind: str, code: str) -> None:
    with pytest.raises(RejectedInput) as caught:
        decode(data, path="x", limit=10)
    assert (caught.value.kind, caught.value.code) == (kind, code)
    assert caught.value.message.startswith(f"[{code}]")


def test_decode_undecodable_bytes() -> None:
    data = bytes(range(0x80, 0xA0)) * 4 + b"abc"  # C1 controls everywhere: no 8-bit text looks like this
    with pytest.raises(RejectedInput) as caught:
        decode(data, path="x", limit=1000)
    assert caught.value.code == "E105" and "cp1252" in caught.value.message
