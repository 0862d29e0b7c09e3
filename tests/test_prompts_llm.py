"""The optional chat-model rewrite, through the real openai SDK against the loopback server."""

from __future__ import annotations

import time

from prompts import LLMConfig, Turn, engineer

KEY = "sk-test-prompt-rewrite-0123456789"


def config(server, **kw) -> LLMConfig:
    return LLMConfig(api_key=KEY, model="gpt-4o-mini", base_url=server.base_url, **kw)


def test_rewrite_uses_the_chat_model_and_the_template(fake_openai):
    fake_openai.chat_reply = 'Prompt: "a red fox in deep snow, soft morning light, wide shot"'
    history = [Turn("user", "a fox"), Turn("assistant", "Here.", prompt="a fox, golden hour")]
    r = engineer("now in the snow", history, llm=config(fake_openai), seed=1)
    assert r.prompt == "a red fox in deep snow, soft morning light, wide shot"
    assert r.rewritten_by == "gpt-4o-mini" and r.tokens is not None
    sent = fake_openai.requests_to("chat")
    assert len(sent) == 1
    body = sent[0].body
    assert body["model"] == "gpt-4o-mini"
    text = body["messages"][0]["content"]
    assert "now in the snow" in text and "a fox, golden hour" in text and "comma-separated" in text
    assert sent[0].headers["authorization"] == f"Bearer {KEY}"


def test_rewrite_for_dalle_asks_for_sentences_and_keeps_the_limit(fake_openai):
    fake_openai.chat_reply = "A fox. " * 1000
    r = engineer("a fox", target="dall-e-3", llm=config(fake_openai))
    assert len(r.prompt) <= 4000 and any("4,000" in w for w in r.warnings)
    assert "sentences" in fake_openai.requests_to("chat")[0].body["messages"][0]["content"]


def test_server_error_falls_back_to_rule_based_with_a_warning(fake_openai):
    fake_openai.queue("chat", "server_error")
    plain = engineer("a fox in a forest", seed=2)
    r = engineer("a fox in a forest", llm=config(fake_openai), seed=2)
    assert r.prompt == plain.prompt and r.rewritten_by is None
    assert any("rewriter" in w and "500" in w and "rule-based" in w for w in r.warnings)
    assert all(KEY not in w for w in r.warnings)


def test_malformed_and_empty_answers_fall_back(fake_openai):
    fake_openai.queue("chat", "malformed")
    r = engineer("a fox", llm=config(fake_openai), seed=2)
    assert r.rewritten_by is None and any("could not be read" in w for w in r.warnings)
    fake_openai.chat_reply = "   "
    r = engineer("a fox", llm=config(fake_openai), seed=2)
    assert r.rewritten_by is None and any("empty" in w for w in r.warnings)


def test_slow_server_times_out_and_falls_back(fake_openai):
    fake_openai.queue("chat", "slow")
    fake_openai.slow_s = 5
    start = time.perf_counter()
    r = engineer("a fox", llm=config(fake_openai, timeout_s=0.3), seed=2)
    assert time.perf_counter() - start < 3
    assert r.rewritten_by is None and any("no answer within 0.3 s" in w for w in r.warnings)


def test_as_is_and_chat_intent_never_call_the_model(fake_openai):
    assert engineer("a fox exactly", enhance=False, llm=config(fake_openai)).prompt == "a fox exactly"
    assert engineer("hello", llm=config(fake_openai)).intent == "chat"
    assert fake_openai.requests_to("chat") == []


def test_config_from_env_and_repr_hide_the_key(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    assert LLMConfig.from_env() is None
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    cfg = LLMConfig.from_env(model="gpt-4o-mini")
    assert cfg is not None and cfg.api_key == KEY and KEY not in repr(cfg)
