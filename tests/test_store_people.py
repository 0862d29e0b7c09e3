"""API tokens and claiming a history, on a real DuckDB file."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from storage import NewImage, Store
from storage.people import hugging_face, new_anonymous
from storage.tokens import ApiTokens, claim
from web.identity import NAMED, PER_BROWSER, SHARED, People, visitor_from_secret


def png(color: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 16), color).save(out, format="PNG")
    return out.getvalue()


def picture(store: Store, user: str, data: bytes, prompt: str) -> str:
    conv = store.create_conversation(user=user, title=prompt)
    return store.add_image(NewImage(png=data, backend="local", model="tiny", prompt_typed=prompt,
                                    prompt_sent=prompt, width=16, height=16, user=user, conversation_id=conv))


def test_a_token_is_kept_hashed_names_its_owner_and_stops_working_when_revoked(tmp_path):
    path = tmp_path / "t.duckdb"
    with Store(path) as store:
        tokens = ApiTokens(store)
        record, token = tokens.create("ann", "laptop")
        assert tokens.owner(token) == "ann" and tokens.owner(token + "x") is None and tokens.owner("") is None
        assert [t.label for t in tokens.list("ann")] == ["laptop"] and tokens.list("bob") == []
        assert record.hint == token[-4:]
        assert not tokens.revoke(record.id, "bob")  # not bob's to revoke
        assert tokens.owner(token) == "ann"
        assert tokens.revoke(record.id, "ann") and tokens.owner(token) is None
        _, kept = tokens.create("ann")
    assert kept.encode() not in path.read_bytes() and token.encode() not in path.read_bytes()
    with Store(path) as store:  # a restart: the token still works
        assert ApiTokens(store).owner(kept) == "ann"


def test_claiming_moves_a_visitors_history_in_one_go_and_keeps_one_copy_of_shared_bytes(tmp_path):
    visitor, account = new_anonymous(), hugging_face("ann")
    with Store(tmp_path / "c.duckdb") as store:
        same, other = png((200, 10, 10)), png((10, 200, 10))
        picture(store, account, same, "made signed in")
        picture(store, visitor, same, "the same picture, made before signing in")
        picture(store, visitor, other, "another one")
        ApiTokens(store).create(visitor)
        moved = claim(store, visitor, account)
        assert moved.moved["conversations"] == 2 and moved.moved["images"] == 2 and moved.moved["api_tokens"] == 1
        assert store.list_conversations(visitor) == [] and store.count_images(visitor) == 0
        assert len(store.list_conversations(account)) == 3 and store.count_images(account) == 3
        blobs = store.db.cursor().execute('SELECT count(*) FROM image_blobs WHERE "user" = ?', [account]).fetchone()[0]
        assert blobs == 2  # the shared bytes once
        for image in store.list_images(account):
            assert store.image_bytes(image.id, account) is not None
        with pytest.raises(Exception):
            claim(store, account, account)


def test_people_modes_and_the_visitor_cookie():
    assert visitor_from_secret("x" * 43).startswith("anon:") and visitor_from_secret("short") is None
    assert visitor_from_secret("x" * 43) != visitor_from_secret("y" * 43)
    assert visitor_from_secret("x" * 43) == visitor_from_secret("x" * 43)  # the same browser, after a restart
    assert People(SHARED).private is False and People(PER_BROWSER).private and People(NAMED).required
    hf = People(PER_BROWSER, hf_oauth=True)
    session = {"oauth_info": {"userinfo": {"preferred_username": "ann"}, "expires_at": 4102444800}}
    assert hf.signed_in(session) == "hf:ann"
    assert hf.signed_in({"oauth_info": {"userinfo": {"preferred_username": "ann"}, "expires_at": 1}}) is None
    assert People(PER_BROWSER).signed_in(session) is None  # sign-in not offered: not honoured
