"""The chat-model interpreter, through the real ``openai`` SDK, against a loopback server that
speaks ``/v1/chat/completions`` with tool calls, streamed (tests/fake_chat.py)."""

from __future__ import annotations

import json
import logging
import socket
import threading

import openai
import pytest

from config import build_parser, parse_config
from conversation.actions import (
    ACTION, Add, Branch, Camera, Chat, Edit, Help, New, Question, Remove, Repeat, Replace, Revert, SetGuidance,
    SetSeed, SetSize, SetSlot, SetSteps, SetStyle, SetSubject, Undo,
)
from conversation import chat_model
from conversation.chat_answer import MAX_REPLY_CHARS
from conversation.chat_model import ChatModelConfig, ChatModelInterpreter, make_interpreter
from conversation.chat_prompt import system_prompt
from conversation.chat_tool import tool_definition, tool_schema
from conversation.interpreter import Context, Interpretation, Picture
from conversation.rules import RulesInterpreter
from conversation.scene import Scene
from conversation.subject_check import content_words, drops_subject
from tests import fake_chat as fc
from tests.fake_openai import masked_key

KEY = "sk-test-CHATSECRET987"
# Anything that would reveal the key: itself, OpenAI's masked form, and its distinctive parts.
SECRETS = (KEY, masked_key(KEY), "CHATSECRET", "T987")
MODEL = "gpt-test-mini"

SCENE = Scene(subject="a ginger cat on a windowsill", setting="in a cozy coffee shop", style="watercolor",
              seed=1234, width=512, height=512)
PICTURES = (
    Picture(number=1, prompt_typed="a ginger cat on a windowsill", prompt_sent="a ginger cat on a windowsill, "
            "watercolor painting", seed=1234, steps=4, guidance=0.0, width=512, height=512, backend="local",
            model="stabilityai/sd-turbo", style="watercolor", seconds=2.5),
)
CTX = Context(scene=SCENE, pictures=PICTURES, history=(("user", "a ginger cat on a windowsill"),
                                                       ("assistant", "Here is your cat.")), can_undo=True)


class SpyRules(RulesInterpreter):
    """The real offline rules, recording what they were asked."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def interpret(self, text: str, context: Context) -> Interpretation:
        self.calls.append(text)
        return super().interpret(text, context)


@pytest.fixture
def fake():
    with fc.FakeChat() as server:
        yield server


@pytest.fixture
def rules():
    return SpyRules()


def make(fake, rules, **overrides) -> ChatModelInterpreter:
    options = {"model": MODEL, "base_url": fake.base_url, "api_key": KEY, "timeout_s": 5.0, "max_retries": 0}
    options.update(overrides)
    return ChatModelInterpreter(ChatModelConfig(**options), rules)


def act(action: dict, **extra) -> fc.Reply:
    return fc.tool_call({"action": action, **extra})


def assert_fell_back(result: Interpretation, rules: SpyRules, text: str, reason: str, ctx: Context = CTX) -> None:
    """The rules' own answer, with one note added saying why the chat model's was not used."""
    assert rules.calls == [text]
    expected = RulesInterpreter().interpret(text, ctx)
    assert (result.action, result.by, result.translated) == (expected.action, "rules", expected.translated)
    assert result.notes[:-1] == expected.notes, result.notes
    note = result.notes[-1]
    assert note.startswith(f"The chat model ({MODEL}) could not be used: ") and reason in note, note
    assert note.endswith("the built-in rules understood this message.")
    for secret in SECRETS:
        assert secret not in note


# --- the tool's schema -----------------------------------------------------------------------

ALLOWED = {"type", "properties", "required", "additionalProperties", "items", "anyOf", "enum", "description",
           "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems",
           "maxItems"}
TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def keywords_ok(schema: dict, where: str = "#") -> None:
    """Every node uses only the plain keywords every server takes (no $ref, oneOf, const...)."""
    assert isinstance(schema, dict), where
    unknown = set(schema) - ALLOWED
    assert not unknown, f"{where}: {unknown}"
    assert schema.get("type") in (None, "object", "array", "string", "integer", "number", "boolean", "null"), where
    for name, sub in schema.get("properties", {}).items():
        keywords_ok(sub, f"{where}/properties/{name}")
    for i, sub in enumerate(schema.get("anyOf", [])):
        keywords_ok(sub, f"{where}/anyOf/{i}")
    if "items" in schema:
        keywords_ok(schema["items"], f"{where}/items")
    assert set(schema.get("required", [])) <= set(schema.get("properties", {})), where


def conforms(schema: dict, value) -> bool:
    """A small JSON Schema validator for exactly the keywords ALLOWED (jsonschema is not a dependency)."""
    if "anyOf" in schema and not any(conforms(s, value) for s in schema["anyOf"]):
        return False
    kind = schema.get("type")
    if kind == "integer" and (not isinstance(value, int) or isinstance(value, bool)):
        return False
    if kind == "number" and (not isinstance(value, (int, float)) or isinstance(value, bool)):
        return False
    if kind in TYPES and not isinstance(value, TYPES[kind]):
        return False
    if "enum" in schema and value not in schema["enum"]:
        return False
    if isinstance(value, str) and not schema.get("minLength", 0) <= len(value) <= schema.get("maxLength", 1e9):
        return False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if value < schema.get("minimum", -1e18) or value > schema.get("maximum", 1e18):
            return False
        if "exclusiveMinimum" in schema and value <= schema["exclusiveMinimum"]:
            return False
    if isinstance(value, dict) and kind == "object":
        props = schema.get("properties", {})
        if not set(schema.get("required", [])) <= set(value):
            return False
        if schema.get("additionalProperties") is False and not set(value) <= set(props):
            return False
        return all(conforms(props[k], v) for k, v in value.items() if k in props)
    if isinstance(value, list) and "items" in schema:
        return len(value) >= schema.get("minItems", 0) and all(conforms(schema["items"], v) for v in value)
    return True


EVERY_OP = (Add(thing="a red umbrella"), Remove(thing="people"), Replace(old="dog", new="cat"),
            SetSubject(subject="a fox"), SetSlot(slot="time", value="at night"), SetSlot(slot="mood"),
            SetStyle(style="ukiyo-e"), SetSize(aspect="16:9"), SetSize(width=768, height=512),
            SetSize(scale=1.5), SetSeed(seed=1234), SetSeed(), SetSteps(steps=30), SetGuidance(guidance=7.5),
            Camera(move="closer", on="the man"))
EVERY_ACTION = (New(description="a fox", ops=EVERY_OP, prompt="a fox, snow"), Edit(ops=EVERY_OP),
                Branch(image=2, ops=(SetStyle(style="anime"),)), Repeat(count=2), Undo(), Revert(image=-2),
                Question(topic="seed", answer="1234"), Chat(reply="Hi!", kind="greeting"), Help(topic="styles"))


def test_tool_schema_is_self_contained_and_plain():
    schema = tool_schema()
    text = json.dumps(schema)
    for banned in ("$ref", "$defs", "oneOf", "discriminator", '"const"'):
        assert banned not in text, banned
    assert schema["type"] == "object" and schema["required"] == ["action"]
    keywords_ok(schema)
    definition = tool_definition()
    assert definition["type"] == "function" and definition["function"]["name"] == "act"
    assert definition["function"]["parameters"] == schema


@pytest.mark.parametrize("action", EVERY_ACTION, ids=lambda a: a.intent)
def test_tool_schema_accepts_every_action(action):
    dumped = ACTION.dump_python(action, mode="json")
    assert conforms(tool_schema(), {"action": dumped, "translated": False})
    assert conforms(tool_schema(), {"action": dumped})


@pytest.mark.parametrize("args", [
    {"action": {"intent": "dance"}},
    {"action": {"description": "a fox"}},  # no intent: the union cannot be told apart
    {"action": {"intent": "new", "description": "a fox", "mood": "happy"}},
    {"action": {"intent": "edit", "ops": [{"op": "explode"}]}},
    {"action": {"intent": "new", "description": "a fox"}, "extra": 1},
    {"translated": True},
])
def test_tool_schema_rejects_what_validation_rejects(args):
    assert not conforms(tool_schema(), args)


# --- the subject check (a pure function) -------------------------------------------------------


@pytest.mark.parametrize("subject, prompt, ops, dropped", [
    ("a ginger cat on a windowsill", "a golden sunset", (), True),
    ("a ginger cat on a windowsill", "a ginger cat on a windowsill at night, warm light", (), False),
    ("a ginger cat on a windowsill", "cats sleeping in golden light", (), False),  # plural still the cat
    ("a ginger cat on a windowsill", "a photo, detailed, warm light", (), True),  # "photo" names nothing
    ("a dog on a skateboard", "a cat riding a board", (Replace(old="dog", new="cat"),), False),
    ("a dog", "a golden sunset", (Replace(old="dog", new="cat"),), True),
    ("a dog", "a fox in the snow", (SetSubject(subject="a fox"),), False),
    ("a man wearing a hat", "portrait, blue coat", (Remove(thing="man wearing a hat"),), False),
    ("", "anything at all", (), False),  # no subject yet: nothing to drop
    ("一只猫", "一只猫 在夜里", (), False),
    ("一只猫", "a sunset", (), True),
])
def test_drops_subject(subject, prompt, ops, dropped):
    assert drops_subject(subject, prompt, ops) is dropped


def test_content_words_skip_filler_and_stem_plurals():
    assert content_words("A photo of the two ginger cats") == {"two", "ginger", "cat"}


# --- understood turns ------------------------------------------------------------------------


def test_a_new_picture_from_a_tool_call_and_the_request_it_made(fake, rules):
    fake.script(act({"intent": "new", "description": "a red fox in the snow",
                     "ops": [{"op": "style", "style": "watercolor"}], "prompt": "a red fox in the snow, watercolor"}))
    result = make(fake, rules).interpret("draw me a red fox in the snow", CTX)

    assert result == Interpretation(
        action=New(description="a red fox in the snow", ops=(SetStyle(style="watercolor"),),
                   prompt="a red fox in the snow, watercolor"), by=MODEL)
    assert rules.calls == []
    body = fake.requests[-1].body
    assert fake.requests[-1].path == "/v1/chat/completions"
    assert fake.requests[-1].headers["authorization"] == f"Bearer {KEY}"
    assert body["model"] == MODEL and body["stream"] is True
    assert body["tools"] == [json.loads(json.dumps(tool_definition()))]
    system, *rest = body["messages"]
    assert system["role"] == "system"
    assert json.dumps(SCENE.model_dump(mode="json", exclude_defaults=True)) in system["content"]
    assert "#1: typed 'a ginger cat on a windowsill'" in system["content"] and "seed 1234" in system["content"]
    assert "SD 1.x/2.x" in system["content"] and "75 tokens" in system["content"]
    assert "ukiyo-e" in system["content"]  # the style ids
    assert rest == [{"role": "user", "content": "a ginger cat on a windowsill"},
                    {"role": "assistant", "content": "Here is your cat."},
                    {"role": "user", "content": "draw me a red fox in the snow"}]


def test_an_edit_with_ops_and_a_prompt(fake, rules):
    fake.script(act({"intent": "edit", "ops": [
        {"op": "set", "slot": "time", "value": "at night"}, {"op": "remove", "thing": "people"},
        {"op": "size", "aspect": "16:9"}], "prompt": "a ginger cat on a windowsill, at night, moonlight"}))
    result = make(fake, rules).interpret("now at night, no people, --ar 16:9", CTX)

    assert result.by == MODEL and result.notes == () and not result.translated
    assert result.action == Edit(ops=(SetSlot(slot="time", value="at night"), Remove(thing="people"),
                                      SetSize(aspect="16:9")),
                                 prompt="a ginger cat on a windowsill, at night, moonlight")


def test_a_question_about_a_picture(fake, rules):
    fake.script(act({"intent": "question", "topic": "seed", "image": 1, "answer": "Picture 1 used seed 1234."}))
    result = make(fake, rules).interpret("what seed was that?", CTX)
    assert result.action == Question(topic="seed", image=1, answer="Picture 1 used seed 1234.")
    assert result.by == MODEL


def test_small_talk_streams_its_deltas_before_the_end(fake, rules):
    gate = threading.Event()
    fake.script(fc.prose("You're welcome! Want another version?", pieces=5, gate=gate))
    items = make(fake, rules).stream("thanks, that's great", CTX)

    first = next(items)  # the server now holds the rest until the gate opens
    assert isinstance(first, str) and first and not gate.is_set()
    gate.set()
    rest = list(items)
    deltas, final = [first, *rest[:-1]], rest[-1]
    assert all(isinstance(d, str) for d in deltas) and len(deltas) == 5
    assert isinstance(final, Interpretation) and final.by == MODEL and final.notes == ()
    assert final.action == Chat(reply="You're welcome! Want another version?")
    assert "".join(deltas) == final.action.reply


def test_non_english_is_written_in_english_and_flagged(fake, rules):
    fake.script(act({"intent": "edit", "ops": [{"op": "set", "slot": "time", "value": "at night"}],
                     "prompt": "a ginger cat on a windowsill, at night"}, translated=True))
    result = make(fake, rules).interpret("ahora de noche", CTX)
    assert result.translated is True and result.by == MODEL
    assert result.action.ops == (SetSlot(slot="time", value="at night"),)
    assert "translated=true" in fake.requests[-1].body["messages"][0]["content"]


def test_a_flat_action_without_the_wrapper_is_taken(fake, rules):
    # Small local models often send the action's fields at the top level.
    fake.script(fc.tool_call({"intent": "undo", "translated": False}))
    assert make(fake, rules).interpret("undo that", CTX).action == Undo()


def test_a_first_picture_has_no_scene_and_a_prose_target(fake, rules):
    ctx = Context(target="dall-e-3", target_label="DALL-E 3", english_only=False)
    fake.script(act({"intent": "new", "description": "a lighthouse", "prompt": "A lighthouse at dawn."}))
    result = make(fake, rules).interpret("a lighthouse", ctx)
    assert result.action.prompt == "A lighthouse at dawn."
    system = fake.requests[-1].body["messages"][0]["content"]
    assert "none yet" in system and "DALL-E 3" in system and "rewrites prompts itself" in system


def test_an_edit_without_a_prompt_is_not_checked_for_the_subject(fake, rules):
    fake.script(act({"intent": "edit", "ops": [{"op": "style", "style": "anime"}]}))
    assert make(fake, rules).interpret("anime style", CTX).action == Edit(ops=(SetStyle(style="anime"),))


def test_a_branch_keeping_the_branched_pictures_words_is_taken(fake, rules):
    ctx = CTX.model_copy(update={"scene": Scene(subject="a lighthouse")})
    fake.script(act({"intent": "branch", "image": 1, "ops": [{"op": "set", "slot": "palette", "value": "blue"}],
                     "prompt": "a ginger cat on a windowsill, blue tones"}))
    result = make(fake, rules).interpret("take the first one and make it blue", ctx)
    assert isinstance(result.action, Branch) and result.by == MODEL


def test_sdk_retries_a_server_error_then_succeeds(fake, rules):
    fake.script(fc.error(500), act({"intent": "repeat"}))
    result = make(fake, rules, max_retries=1).interpret("another one", CTX)
    assert result.action == Repeat() and result.by == MODEL and len(fake.requests) == 2


# --- hostile but harmless replies ------------------------------------------------------------


def test_a_huge_reply_is_capped_and_the_stream_closed(fake, rules):
    fake.script(fc.prose("blah " * 40_000, pieces=400))
    items = list(make(fake, rules).stream("tell me a story", CTX))
    final = items[-1]
    assert isinstance(final.action, Chat) and len(final.action.reply) <= MAX_REPLY_CHARS
    assert final.action.reply.endswith("…")
    assert sum(len(i) for i in items[:-1]) < MAX_REPLY_CHARS


def test_html_in_a_reply_is_passed_on_as_text(fake, rules):
    text = "<script>alert('x')</script><img src=x onerror=alert(1)> hello"
    fake.script(fc.prose(text))
    assert make(fake, rules).interpret("hi", CTX).action == Chat(reply=text)


# --- every failure falls back to the rules with one note -------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


FAILURES = [
    (fc.error(401), "rejected the API key"),
    (fc.error(403), "answered 403"),
    (fc.error(404), "answered 404"),
    (fc.error(429), "rate limited"),
    (fc.error(500), "answered 500"),
    (fc.malformed(), "could not be read"),
    (fc.disconnect(), "could not reach the server"),
    (fc.tool_call('{"action": {"intent": "new", "description": "a fox"'), "not valid JSON"),
    (fc.tool_call("[1, 2, 3]"), "did not fit the action vocabulary"),
    (act({"intent": "new", "description": "a fox", "negative": "blurry"}), "did not fit the action vocabulary"),
    (act({"intent": "new", "description": "a fox"}, mood="happy"), "did not fit the action vocabulary"),
    (act({"intent": "dance", "style": "tango"}), "did not fit the action vocabulary"),
    (act({"intent": "edit", "ops": []}), "did not fit the action vocabulary"),
    (act({"intent": "new", "description": "a fox"}, translated="yes"), "did not fit the action vocabulary"),
    (fc.tool_call({"action": {"intent": "help"}}, name="run_shell"), "unknown tool"),
    (fc.refusal(), "declined"),
    (fc.content_filter(), "declined"),
    (fc.empty(), "empty"),
    (fc.prose("   \n  "), "empty"),
    (act({"intent": "edit", "ops": [{"op": "set", "slot": "lighting", "value": "golden light"}],
          "prompt": "a golden sunset"}), "dropped the subject"),
]


@pytest.mark.parametrize("reply, reason", FAILURES, ids=[f"{i}-{r}" for i, (_, r) in enumerate(FAILURES)])
def test_an_unusable_answer_falls_back_to_the_rules(fake, rules, reply, reason):
    fake.script(reply)
    text = "make the light warmer and more golden"
    assert_fell_back(make(fake, rules).interpret(text, CTX), rules, text, reason)


def test_no_server_falls_back(rules):
    config = ChatModelConfig(model=MODEL, base_url=f"http://127.0.0.1:{free_port()}/v1", api_key=KEY,
                             timeout_s=2.0, max_retries=0)
    assert_fell_back(ChatModelInterpreter(config, rules).interpret("hi", CTX), rules, "hi",
                     "could not reach the server")


def test_a_server_that_never_answers_times_out(fake, rules):
    fake.script(fc.stall(30))
    assert_fell_back(make(fake, rules, timeout_s=0.5).interpret("hi", CTX), rules, "hi", "timed out")


def test_a_stream_that_stalls_midway_times_out_after_its_first_words(fake, rules):
    fake.script(fc.prose("Sure, here is a long answer about lighthouses.", gate=threading.Event()))
    items = list(make(fake, rules, timeout_s=0.5).stream("hi", CTX))
    assert isinstance(items[0], str)  # shown provisionally; the Interpretation is the final word
    assert_fell_back(items[-1], rules, "hi", "timed out")


def test_a_stream_past_its_total_time_is_cut_off(fake, rules, monkeypatch):
    gate = threading.Event()
    fake.script(fc.prose("x" * 50, pieces=50, gate=gate))
    items = make(fake, rules, total_s=60).stream("hi", CTX)
    assert isinstance(next(items), str)
    later = chat_model._now() + 61
    monkeypatch.setattr(chat_model, "_now", lambda: later)  # a minute passes, a piece at a time
    gate.set()
    assert_fell_back(list(items)[-1], rules, "hi", "timed out")


def test_the_rules_own_notes_are_kept_and_one_added(fake):
    class NotingRules:
        name = "rules"

        def interpret(self, text, context):
            return Interpretation(action=Help(), notes=("CLIP reads English only.",))

    fake.script(fc.error(500))
    result = make(fake, NotingRules()).interpret("hilfe", CTX)
    assert result.action == Help() and result.notes[0] == "CLIP reads English only." and len(result.notes) == 2


# --- the key stays secret --------------------------------------------------------------------


def test_the_key_never_reaches_notes_logs_or_reprs(fake, rules, caplog):
    caplog.set_level(logging.DEBUG)  # the SDK's and httpx's own debug logs included
    fake.script(fc.error(401))
    interpreter = make(fake, rules)
    result = interpreter.interpret("a fox", CTX)

    assert "rejected the API key" in result.notes[0]
    assert "Incorrect API key" not in result.notes[0]  # the provider's text is never passed on
    shown = [*result.notes, caplog.text, repr(interpreter), str(interpreter.config), repr(interpreter.config),
             repr(result)]
    shown += [r.getMessage() for r in caplog.records]
    for text in shown:
        for secret in SECRETS:
            assert secret not in text, f"{secret!r} leaked into {text[:200]!r}"
    assert any("not used" in r.getMessage() and "401" in r.getMessage() for r in caplog.records)


def test_config_takes_a_plain_string_and_keeps_it_wrapped():
    config = ChatModelConfig(model=MODEL, api_key=KEY, base_url="http://ann:pw@127.0.0.1:8080/v1")
    assert config.api_key.get_secret_value() == KEY
    assert KEY not in repr(config) and KEY not in str(config) and "pw" not in repr(config)
    assert "key=set" in repr(config)
    assert "key=unset" in repr(ChatModelConfig(model=MODEL))
    with pytest.raises(ValueError):
        ChatModelConfig(model=" ")


def test_the_default_server_is_openai_never_the_image_backends(rules, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")  # the image backend's server
    interpreter = ChatModelInterpreter(ChatModelConfig(model=MODEL), rules)
    client = interpreter._get_client()  # nothing is sent: the client is only built
    assert str(client.base_url).startswith("https://api.openai.com/v1")
    interpreter.close()


# --- the app's flags -------------------------------------------------------------------------


def test_chat_flags_default_to_no_chat_model():
    c = parse_config([], env={"OPENAI_API_KEY": "sk-img"})
    assert (c.chat_model, c.chat_base_url) == (None, None)
    assert make_interpreter(c, RulesInterpreter()).name == "rules"  # the rules alone


def test_chat_flags_from_the_environment_and_flags():
    env = {"IMAGECHAT_CHAT_MODEL": "llama3.2", "IMAGECHAT_CHAT_BASE_URL": "http://127.0.0.1:11434/v1",
           "IMAGECHAT_CHAT_API_KEY": "ollama-key", "OPENAI_API_KEY": "sk-img"}
    c = parse_config([], env=env)
    assert (c.chat_model, c.chat_base_url, c.chat_api_key) == ("llama3.2", "http://127.0.0.1:11434/v1", "ollama-key")
    c = parse_config(["--chat-model", "qwen", "--chat-api-key", "k2"], env=env)
    assert (c.chat_model, c.chat_api_key) == ("qwen", "k2")
    interpreter = make_interpreter(c, RulesInterpreter())
    assert isinstance(interpreter, ChatModelInterpreter) and interpreter.name == "qwen"
    assert interpreter.config.base_url == "http://127.0.0.1:11434/v1"


def test_chat_key_falls_back_to_hf_token_on_the_router_else_openai_key():
    env = {"HF_TOKEN": "hf_space", "OPENAI_API_KEY": "sk-img"}
    hf = parse_config(["--chat-model", "m", "--chat-base-url", "https://router.huggingface.co/v1"], env=env)
    assert hf.chat_api_key == "hf_space"
    assert parse_config(["--chat-model", "m"], env=env).chat_api_key == "sk-img"
    assert parse_config(["--chat-model", "m"], env={"HF_TOKEN": "hf_space"}).chat_api_key is None


def test_chat_key_stays_out_of_the_repr_and_the_help():
    env = {"IMAGECHAT_CHAT_API_KEY": "sk-chat-very-secret", "IMAGECHAT_CHAT_BASE_URL": "http://u:pw9@h:1/v1"}
    c = parse_config(["--chat-model", "m"], env=env)
    assert c.chat_api_key == "sk-chat-very-secret"
    assert "sk-chat-very-secret" not in repr(c) and "pw9" not in str(c) and "chat_key=set" in repr(c)
    help_text = build_parser(env).format_help()
    assert "sk-chat-very-secret" not in help_text
    for flag in ("--chat-model", "--chat-base-url", "--chat-api-key", "IMAGECHAT_CHAT_MODEL",
                 "IMAGECHAT_CHAT_BASE_URL", "IMAGECHAT_CHAT_API_KEY", "HF_TOKEN"):
        assert flag in help_text, flag


# --- the loopback server itself --------------------------------------------------------------


def test_fake_answers_non_streaming_tool_calls_like_openai(fake):
    fake.script(fc.tool_call({"action": {"intent": "help"}}), fc.prose("Hello there."))
    client = openai.OpenAI(api_key=KEY, base_url=fake.base_url, max_retries=0, timeout=5)
    reply = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "help"}],
                                           tools=[tool_definition()])
    call = reply.choices[0].message.tool_calls[0]
    assert reply.choices[0].finish_reason == "tool_calls"
    assert call.function.name == "act" and json.loads(call.function.arguments) == {"action": {"intent": "help"}}
    reply = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "hi"}])
    assert reply.choices[0].message.content == "Hello there."
    client.close()


def test_system_prompt_says_what_is_never_drawn():
    text = system_prompt(CTX)
    for needle in ("small talk", "never drawn", "Never drawn", "remove op", "--ar 16:9", "keep the seed"):
        assert needle.lower() in text.lower(), needle
